package io.sensorpipe.launcher.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A quick TCP check that something listens at an address. */
public final class Reachable {
    private Reachable() {
    }

    /** True when a TCP connection to the first {@code host:port} of {@code hostPorts} succeeds within a second. */
    public static boolean kafka(String hostPorts) {
        String first = hostPorts.split(",")[0].trim();
        int colon = first.lastIndexOf(':');
        return colon > 0 && tcp(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)));
    }

    /** True when the host of a plain {@code mongodb://host:port/...} URI accepts a TCP connection. */
    public static boolean mongo(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        rest = rest.substring(rest.indexOf('@') + 1);
        String hostPort = rest.split("[/?,]")[0];
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? tcp(hostPort, 27017) : tcp(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static boolean tcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
