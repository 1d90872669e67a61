package io.sensorpipe.common.config;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Runs a picocli command with the pipeline's error policy: bad flags and settings print one line naming the
 * problem and exit 2; a failure to reach a service prints one line and exits 1; no stack traces for either.
 */
public final class Cli {
    /** Exit code for bad flags or settings. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a runtime failure such as an unreachable broker. */
    public static final int EXIT_FAILURE = 1;

    private Cli() {
    }

    /** Parses and runs; returns the exit code. */
    public static int execute(Object command, String... args) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            Throwable t = ex;
            while (!(t instanceof SettingException) && !(t instanceof ServiceException) && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof SettingException) {
                err.println("error: " + t.getMessage());
                return EXIT_USAGE;
            }
            if (t instanceof ServiceException) {
                err.println("error: " + t.getMessage());
                return EXIT_FAILURE;
            }
            String refusal = KafkaRefusal.describe(ex, null);
            if (refusal != null) {   // refused by the broker: one line, no retry, no stack trace
                err.println("error: " + refusal);
                return EXIT_FAILURE;
            }
            err.println("error: " + ex);
            ex.printStackTrace(err);
            return EXIT_FAILURE;
        });
        return cl.execute(args);
    }

    /** Runs and exits the JVM with the command's exit code. */
    public static void main(Object command, String... args) {
        ClassArchiveMark.armIfRequested();
        int code = execute(command, args);
        ClassArchiveMark.ended(code);
        System.exit(code);
    }
}
