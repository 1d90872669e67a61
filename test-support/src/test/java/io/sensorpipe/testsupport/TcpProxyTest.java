package io.sensorpipe.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault-test proxy against a local echo server: forwards, drops, refuses, recovers, delays. */
class TcpProxyTest {
    private ServerSocket echoServer;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerAndProxy() throws IOException {
        echoServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::echoForever, "echo");
        t.setDaemon(true);
        t.start();
        proxy = TcpProxy.start("127.0.0.1", echoServer.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echoServer.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertEquals("hello", roundTrip(s, "hello"));
            assertEquals("again", roundTrip(s, "again"));
        }
        assertEquals(2 * (6 + 6), proxy.bytesForwarded(), "two 6-byte messages, each there and back");
    }

    @Test
    void dropClosesOpenConnectionsAndNewOnes() throws IOException {
        try (Socket s = connect()) {
            assertEquals("before", roundTrip(s, "before"));
            proxy.mode(TcpProxy.Mode.DROP);
            assertThrows(IOException.class, () -> roundTrip(s, "during"));
        }
        try (Socket s = connect()) {   // accepted, then closed at once
            assertThrows(IOException.class, () -> roundTrip(s, "new"));
        }
    }

    @Test
    void refuseStopsListeningAndForwardResumesOnTheSamePort() throws IOException {
        int port = proxy.port();
        proxy.mode(TcpProxy.Mode.REFUSE);
        assertThrows(ConnectException.class, this::connect);
        proxy.mode(TcpProxy.Mode.FORWARD);
        assertEquals(port, proxy.port());
        try (Socket s = connect()) {
            assertEquals("back", roundTrip(s, "back"));
        }
    }

    @Test
    void latencyDelaysEveryChunk() throws IOException {
        proxy.latency(Duration.ofMillis(200));
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            assertEquals("slow", roundTrip(s, "slow"));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis >= 400, "one chunk each way must wait 200 ms, took " + millis + " ms");
        }
    }

    @Test
    void roundTripDelaysEachRequestAndAnswerOnceWithoutCappingOverlap() throws Exception {
        proxy.roundTrip(Duration.ofMillis(200));
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            assertEquals("far", roundTrip(s, "far"));
            long one = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(one >= 200 && one < 400, "one round trip of 200 ms, took " + one + " ms");

            // ten messages sent 5 ms apart overlap on the way: about one round trip, not ten
            t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                byte[] m = ("m" + i).getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(m.length);
                s.getOutputStream().write(m);
                s.getOutputStream().flush();
                Thread.sleep(5);
            }
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int i = 0; i < 10; i++) {
                byte[] back = new byte[in.read()];
                in.readFully(back);
                assertEquals("m" + i, new String(back, StandardCharsets.UTF_8), "in order");
            }
            long ten = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ten >= 200 && ten < 600, "ten overlapping round trips of 200 ms, took " + ten + " ms");
        }
        assertEquals(2 * (4 + 10 * 3), proxy.bytesForwarded());
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends one length-prefixed message and reads the echo. */
    private static String roundTrip(Socket s, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(bytes.length);
        out.write(bytes);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        int n = in.read();
        if (n < 0) {
            throw new IOException("connection closed");
        }
        byte[] back = new byte[n];
        in.readFully(back);
        assertArrayEquals(bytes, back);
        return new String(back, StandardCharsets.UTF_8);
    }

    private void echoForever() {
        while (!echoServer.isClosed()) {
            try {
                Socket s = echoServer.accept();
                Thread t = new Thread(() -> echo(s), "echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the proxy dropped the connection
        }
    }
}
