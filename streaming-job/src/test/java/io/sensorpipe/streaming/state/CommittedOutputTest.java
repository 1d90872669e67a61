package io.sensorpipe.streaming.state;

import io.sensorpipe.streaming.analytics.AnalyticsSettings;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.sensorpipe.streaming.state.CommittedOutput.Verdict.BROKEN_ATTEMPT;
import static io.sensorpipe.streaming.state.CommittedOutput.Verdict.FOREIGN;
import static io.sensorpipe.streaming.state.CommittedOutput.Verdict.OTHER_SETTINGS;
import static io.sensorpipe.streaming.state.CommittedOutput.Verdict.TAKE;
import static io.sensorpipe.streaming.state.CommittedOutput.Verdict.UNCOMMITTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommittedOutputTest {
    private static final String SETTINGS = Provenance.settingsTag(AnalyticsSettings.DEFAULTS);

    private static Provenance p(long src, long attempt, long index) {
        return new Provenance(src, attempt, index, SETTINGS);
    }

    @Test
    void attemptWithAFailedSendIsTrustedOnlyUpToTheHole() {
        CommittedOutput c = new CommittedOutput(1_000, SETTINGS);
        assertEquals(TAKE, c.judge(p(100, 7, 0)));
        assertEquals(TAKE, c.judge(p(101, 7, 1)));
        // index 2 (offset 102) never reached alpha; what attempt 7 wrote after it is not trusted
        assertEquals(BROKEN_ATTEMPT, c.judge(p(103, 7, 3)));
        assertEquals(BROKEN_ATTEMPT, c.judge(p(104, 7, 4)));
        // the retry writes the whole range again and is taken from its start
        assertEquals(TAKE, c.judge(p(100, 8, 0)));
        assertEquals(TAKE, c.judge(p(101, 8, 1)));
        assertEquals(TAKE, c.judge(p(102, 8, 2)));
        assertEquals(TAKE, c.judge(p(103, 8, 3)));
    }

    @Test
    void attemptWhoseFirstRecordIsMissingIsNotTrustedAtAll() {
        CommittedOutput c = new CommittedOutput(1_000, SETTINGS);
        assertEquals(BROKEN_ATTEMPT, c.judge(p(100, 9, 1)));
        assertEquals(BROKEN_ATTEMPT, c.judge(p(101, 9, 2)));
    }

    @Test
    void outputOfInputAtOrAfterTheRebuildPositionIsNotTaken() {
        CommittedOutput c = new CommittedOutput(500, SETTINGS);
        assertEquals(TAKE, c.judge(p(499, 1, 0)));
        assertEquals(UNCOMMITTED, c.judge(p(500, 1, 1)));
        assertEquals(UNCOMMITTED, c.judge(p(501, 1, 2)));
    }

    @Test
    void recordsWithoutProvenanceOrWithOtherSettingsAreNotTaken() {
        CommittedOutput c = new CommittedOutput(500, SETTINGS);
        assertEquals(FOREIGN, c.judge(null));
        assertEquals(OTHER_SETTINGS, c.judge(new Provenance(1, 2, 0, "W=60000ms,L=120000ms")));
    }

    @Test
    void provenanceSurvivesTheHeaderRoundTripAndRejectsMalformedHeaders() {
        RecordHeaders h = new RecordHeaders(Provenance.headers(42, -5, 3, SETTINGS.getBytes(StandardCharsets.UTF_8), 0));
        assertEquals(new Provenance(42, -5, 3, SETTINGS), Provenance.of(h));
        assertEquals(0, Provenance.partitionCount(h), "no count written: not known");
        RecordHeaders counted = new RecordHeaders(Provenance.headers(42, -5, 3,
                SETTINGS.getBytes(StandardCharsets.UTF_8), 6));
        assertEquals(new Provenance(42, -5, 3, SETTINGS), Provenance.of(counted));
        assertEquals(6, Provenance.partitionCount(counted));
        assertEquals(true, Provenance.settledFor(java.util.List.of(counted, counted), 6));
        assertEquals(false, Provenance.settledFor(java.util.List.of(counted, h), 6), "a partition of unknown count");
        assertEquals(false, Provenance.settledFor(java.util.List.of(counted), 8), "derived before a growth");
        RecordHeaders bad = new RecordHeaders();
        bad.add(Provenance.SOURCE_OFFSET, new byte[3]);
        bad.add(Provenance.ATTEMPT, new byte[16]);
        bad.add(Provenance.SETTINGS, new byte[1]);
        assertNull(Provenance.of(bad));
        assertNull(Provenance.of(new RecordHeaders()));
    }
}
