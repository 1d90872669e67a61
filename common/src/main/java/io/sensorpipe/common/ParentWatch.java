package io.sensorpipe.common;

import java.io.IOException;
import java.io.InputStream;

/** Exits the JVM when stdin reaches end-of-file, so a dying parent never leaves an orphan server. */
public final class ParentWatch {
    private ParentWatch() {
    }

    /** Starts a daemon thread that reads stdin until EOF, then calls {@code System.exit(0)} (shutdown hooks run). */
    public static void exitOnStdinEof() {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // the parent writes nothing; we only wait for the pipe to close
                }
            } catch (IOException e) {
                // a broken pipe means the same as EOF
            }
            System.err.println("stdin closed: parent is gone, shutting down");
            System.exit(0);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}
