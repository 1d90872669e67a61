package io.sensorpipe.reliability.badinput;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Reading;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The corpus itself: each record has the one defect it claims, so the integration test checks the right reason. */
class BadRecordCorpusTest {
    private static final long NOW = 1_795_000_000_000L;
    private static final Reading READING = new Reading("room-001", 7, NOW - 60_000, 21.5);
    private static final DerivedRecord DERIVED =
            new DerivedRecord("corpus-1", 7, NOW - 60_000, 21.5, 0.25, 0, 21.0, 20.5, 21.5, 3, 60);

    @Test
    void everyReadingCorpusRecordIsRejectedWithItsReason() {
        assertTrue(Codec.decodeReading(Codec.encode(READING), NOW).isOk(), "the base record must be valid");
        List<BadRecord> corpus = BadRecordCorpus.readings(READING);
        assertTrue(corpus.size() >= 17, "corpus size " + corpus.size());
        for (BadRecord bad : corpus) {
            Decoded<Reading> d = Codec.decodeReading(bad.value(), NOW);
            assertFalse(d.isOk(), bad.kind() + " was accepted");
            assertTrue(d.reason().contains(bad.reason()), bad.kind() + ": reason '" + d.reason() + "'");
        }
    }

    @Test
    void everyDerivedCorpusRecordIsRejectedWithItsReason() {
        assertTrue(Codec.decodeDerived(Codec.encode(DERIVED), NOW).isOk(), "the base record must be valid");
        for (BadRecord bad : BadRecordCorpus.analytics(DERIVED)) {
            Decoded<DerivedRecord> d = Codec.decodeDerived(bad.value(), NOW);
            assertFalse(d.isOk(), bad.kind() + " was accepted");
            assertTrue(d.reason().contains(bad.reason()), bad.kind() + ": reason '" + d.reason() + "'");
        }
    }

    @Test
    void oversizedRecordIsExactlyOneMebibyte() {
        BadRecord big = BadRecordCorpus.readings(READING).stream().filter(b -> b.kind().equals("1 MB value"))
                .findFirst().orElseThrow();
        assertEquals(1024 * 1024, big.value().length);
    }
}
