package io.sensorpipe.bench;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Reading;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {
    @TempDir
    Path dir;

    @Test
    void recordingsLeftEmptyOrCutByASigkillGiveNoSamplesInsteadOfFailing() throws Exception {
        Path empty = java.nio.file.Files.createFile(dir.resolve("killed.jfr"));
        assertEquals(0, Profiles.summarize("killed", empty, Instant.MIN, Instant.MAX).samples());
        Path cut = dir.resolve("cut.jfr");
        java.nio.file.Files.write(cut, "FLR\0garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, Profiles.summarize("cut", cut, Instant.MIN, Instant.MAX).samples());
    }

    @Test
    void chargesSamplesToThePartThatRanAndHonoursTheWindow() throws Exception {
        Path jfr = dir.resolve("self.jfr");
        Instant from;
        Instant to;
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            from = Instant.now();
            long sink = 0;
            long end = System.nanoTime() + 1_500_000_000L;
            byte[] value = Codec.encode(new Reading("room-001", 1, System.currentTimeMillis(), 21.5));
            while (System.nanoTime() < end) {
                sink += Codec.decodeReading(value).value().seq();
            }
            to = Instant.now();
            r.stop();
            r.dump(jfr);
            assertTrue(sink > 0);
        }
        Profiles.Summary all = Profiles.summarize("self", jfr, from, to);
        assertTrue(all.samples() > 20, "samples: " + all.samples());
        String top = all.parts().keySet().iterator().next();
        assertEquals("JSON codec", top, "parts: " + all.parts());
        assertTrue(all.format().contains("JSON codec"), all.format());

        Profiles.Summary none = Profiles.summarize("self", jfr, to.plusSeconds(60), to.plusSeconds(120));
        assertEquals(0, none.samples());
        assertEquals(0, Profiles.summarize("missing", dir.resolve("missing.jfr"), from, to).samples());
    }
}
