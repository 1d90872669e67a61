package io.sensorpipe.batch;

import io.sensorpipe.common.config.Cli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad flags are rejected with exit 2 before Spark or MongoDB is touched. */
class CommandFlagsTest {
    @Test
    void rollupRejectsAnUnparseableFromTime() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new RollupCommand(), "--from", "yesterday"));
    }

    @Test
    void rollupRejectsAUriThatIsNotMongodb() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new RollupCommand(), "--mongodb-uri", "http://localhost:27017"));
    }

    @Test
    void verifyRejectsAZeroWindow() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new VerifyCommand(), "--window", "0"));
    }

    @Test
    void verifyRejectsAWindowOfPartSeconds() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new VerifyCommand(), "--window", "1500ms"));
    }

    @Test
    void verifyRejectsANegativeLateness() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new VerifyCommand(), "--lateness", "-1s"));
    }

    @Test
    void verifyRejectsZeroReadPartitions() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new VerifyCommand(), "--read-partitions", "0"));
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertEquals(Cli.EXIT_USAGE, Cli.execute(new VerifyCommand(), "--windw", "60"));
    }
}
