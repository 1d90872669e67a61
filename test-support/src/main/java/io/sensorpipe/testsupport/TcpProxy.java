package io.sensorpipe.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for fault tests: listens on a local port and forwards to a target. {@link Mode#DROP} closes every
 * connection (new ones are accepted and closed at once), {@link Mode#REFUSE} stops listening (connection refused);
 * {@link #latency(Duration)} delays every forwarded chunk in both directions (one after the other, so it also caps
 * the bandwidth: a slow server); {@link #roundTrip(Duration)} delays every byte by half the round trip each way,
 * without capping the bandwidth (a distant server: requests on one connection and on several overlap).
 */
public final class TcpProxy implements AutoCloseable {
    /** What the proxy does with connections. */
    public enum Mode {
        /** Forward bytes both ways. */
        FORWARD,
        /** Close existing connections and accept-then-close new ones. */
        DROP,
        /** Close existing connections and stop listening, so connects are refused. */
        REFUSE
    }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesForwarded = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private volatile Mode mode = Mode.FORWARD;
    private volatile long latencyMillis;
    private volatile long oneWayNanos;
    private volatile ServerSocket server;
    private volatile Thread acceptor;
    private volatile boolean closed;

    private TcpProxy(int listenPort, InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(listenPort);
        this.port = server.getLocalPort();
        startAcceptor(server);
    }

    /** A proxy on a free local port forwarding to {@code host:port}. */
    public static TcpProxy start(String host, int port) throws IOException {
        return start(0, host, port);
    }

    /** A proxy on {@code listenPort} (0 = free) forwarding to {@code host:port}. */
    public static TcpProxy start(int listenPort, String host, int port) throws IOException {
        return new TcpProxy(listenPort, new InetSocketAddress(host, port));
    }

    /** The local port clients connect to; it stays the same across mode changes. */
    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, for a bootstrap-servers setting or a connection string. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /** Switches mode; DROP and REFUSE close every open connection at once. */
    public synchronized void mode(Mode newMode) throws IOException {
        if (closed) {
            throw new IllegalStateException("proxy is closed");
        }
        Mode old = this.mode;
        this.mode = newMode;
        if (newMode != Mode.FORWARD) {
            closeConnections();
        }
        if (newMode == Mode.REFUSE && old != Mode.REFUSE) {
            stopListening();
        } else if (newMode != Mode.REFUSE && old == Mode.REFUSE) {
            server = listen(port);
            startAcceptor(server);
        }
    }

    /** Adds this delay before each forwarded chunk, both directions; zero turns it off. */
    public void latency(Duration perChunk) {
        this.latencyMillis = perChunk.toMillis();
    }

    /**
     * Delays every byte by half of {@code rtt} in each direction, measured from when the proxy read it, so a request
     * and its answer take {@code rtt} longer than without the proxy, however large they are and however many are in
     * flight; zero turns it off. Applies to connections accepted afterwards (a connection opened before keeps what it
     * had); combined with {@link #latency(Duration)}, both apply.
     */
    public void roundTrip(Duration rtt) {
        this.oneWayNanos = rtt.toNanos() / 2;
    }

    /** Bytes forwarded so far, both directions. */
    public long bytesForwarded() {
        return bytesForwarded.get();
    }

    /** Connections accepted so far (including those closed at once in DROP mode). */
    public long connectionsAccepted() {
        return connectionsAccepted.get();
    }

    /** Stops listening and closes every connection; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        stopListening();
        closeConnections();
    }

    /**
     * Closes the listening socket and waits for the accepting thread to leave {@code accept()}: the JDK releases the
     * port only then, and a connect before that would still succeed.
     */
    private void stopListening() {
        closeQuietly(server);
        Thread t = acceptor;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private void startAcceptor(ServerSocket listening) {
        acceptor = daemon("proxy-accept-" + port, () -> {
            while (!listening.isClosed()) {
                try {
                    onAccept(listening.accept());
                } catch (IOException e) {
                    return;   // the listening socket was closed (REFUSE or close)
                }
            }
        });
    }

    private void onAccept(Socket client) {
        connectionsAccepted.incrementAndGet();
        if (mode != Mode.FORWARD) {
            closeQuietly(client);
            return;
        }
        sockets.add(client);
        daemon("proxy-connect-" + port, () -> {
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 10_000);
            } catch (IOException e) {
                closeQuietly(client);
                closeQuietly(upstream);
                sockets.remove(client);
                return;
            }
            sockets.add(upstream);
            if (mode != Mode.FORWARD) {
                closePair(client, upstream);
                return;
            }
            if (oneWayNanos > 0) {
                daemon("proxy-up-" + port, () -> delayLine(client, upstream));
                delayLine(upstream, client);
            } else {
                daemon("proxy-up-" + port, () -> pump(client, upstream));
                pump(upstream, client);
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                long delay = latencyMillis;
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                bytesForwarded.addAndGet(n);   // counted before the write, so a reply is never seen before its count
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a dropped connection ends here
        } finally {
            closePair(from, to);
        }
    }

    /**
     * Forwards like {@link #pump}, each chunk written half a round trip after it was read: this thread reads and
     * queues, a second one writes when each chunk is due (in order; the queue holds what is on the way).
     */
    private void delayLine(Socket from, Socket to) {
        BlockingQueue<Due> onTheWay = new LinkedBlockingQueue<>();
        daemon("proxy-delay-" + port, () -> {
            try (OutputStream out = to.getOutputStream()) {
                for (Due d = onTheWay.take(); d.bytes != null; d = onTheWay.take()) {
                    long wait = d.nanos - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    if (latencyMillis > 0) {
                        Thread.sleep(latencyMillis);
                    }
                    bytesForwarded.addAndGet(d.bytes.length);
                    out.write(d.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a dropped connection ends here
            } finally {
                closePair(from, to);
            }
        });
        byte[] buf = new byte[64 * 1024];
        long last = 0;
        try (InputStream in = from.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                last = Math.max(last, System.nanoTime() + oneWayNanos);   // never before the chunk ahead of it
                onTheWay.add(new Due(last, Arrays.copyOf(buf, n)));
            }
        } catch (IOException e) {
            // a dropped connection ends here
        } finally {
            onTheWay.add(new Due(0, null));   // what is on the way is still delivered, then the pair is closed
        }
    }

    /** A chunk on its way and when it is due ({@code System.nanoTime()}); null bytes: the end of the stream. */
    private record Due(long nanos, byte[] bytes) {
    }

    private void closePair(Socket a, Socket b) {
        closeQuietly(a);
        closeQuietly(b);
        sockets.remove(a);
        sockets.remove(b);
    }

    private void closeConnections() {
        for (Socket s : sockets) {
            resetQuietly(s);
        }
        sockets.clear();
    }

    /** Closes with a TCP reset, as a crashed server or a dropped network would look to the client. */
    private static void resetQuietly(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(s);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing is best effort
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return "TcpProxy[" + address() + " -> " + target.getHostString() + ":" + target.getPort() + ", " + mode + "]";
    }
}
