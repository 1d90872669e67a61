package io.sensorpipe.common.process;

import java.util.Optional;

/**
 * The start-up handshake of a server run as a child JVM: once it accepts clients it prints one line
 * {@code READY <name> <host:port>} on stdout, and its parent waits for that line in the child's log
 * ({@link ChildProcess#awaitReady}).
 */
public final class Ready {
    private static final String WORD = "READY ";

    private Ready() {
    }

    /** Prints the READY line for {@code name} listening at {@code address} (HOST:PORT) and flushes it. */
    public static void announce(String name, String address) {
        System.out.println(line(name, address));
        System.out.flush();
    }

    /** The READY line for {@code name} at {@code address}. */
    public static String line(String name, String address) {
        return WORD + name + " " + address;
    }

    /** The address in {@code line} when it is {@code name}'s READY line. */
    public static Optional<String> address(String name, String line) {
        String prefix = WORD + name + " ";
        return line.startsWith(prefix) ? Optional.of(line.substring(prefix.length()).trim()) : Optional.empty();
    }
}
