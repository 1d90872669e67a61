package io.sensorpipe.embedded.kafka;

import io.sensorpipe.common.config.ServiceException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port helpers: pick a free port, or check that a requested one is free. */
final class Ports {
    private Ports() {
    }

    /** The given port if it is free, a free port when it is 0; a port in use is a {@link ServiceException}. */
    static int orFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ServiceException("port " + port + " is already in use (" + e.getMessage() + ")");
        }
    }
}
