package io.sensorpipe.reliability.harness;

import io.sensorpipe.common.Codec;
import io.sensorpipe.common.Decoded;
import io.sensorpipe.common.DerivedRecord;
import io.sensorpipe.common.Names;
import io.sensorpipe.common.Reading;
import io.sensorpipe.common.RecordVerdict;
import io.sensorpipe.common.Rerouted;
import io.sensorpipe.common.analytics.ArrivalOrder;
import io.sensorpipe.common.analytics.ReferenceAnalytics;
import io.sensorpipe.common.process.ChildProcess;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The net promise of DESIGN.md, checked from the outside: the committed records of {@code readings}, judged with
 * the one record verdict and recomputed independently (ReferenceAnalytics, arrival order), against what reached
 * {@code alpha} and MongoDB, and {@code bin/pipeline verify}. Waits for the sinks to catch up first.
 *
 * @param readings     committed records on the readings topic
 * @param valid        of them, valid readings (by the record verdict)
 * @param distinct     distinct (roomId, seq) among the valid ones
 * @param expected     derived records the semantics compute
 * @param alphaRecords records on alpha
 * @param missing      expected records absent from alpha
 * @param wrong        alpha records that differ from the expected ones
 * @param rawStored    documents in sensors.readings
 * @param derived      documents in sensors.room_analytics
 * @param deadLetters  documents in sensors.dead_letters
 * @param verify       the summary line of bin/pipeline verify
 */
public record NetPromise(long readings, long valid, long distinct, long expected, long alphaRecords, long missing,
                         long wrong, long rawStored, long derived, long deadLetters, String verify) {
    /** Waits for the sinks, then measures and asserts the promise; {@code badReadings} = the invalid records sent. */
    public static NetPromise check(TestStack stack, StoredDocs db, Duration window, Duration lateness,
                                   long badReadings) {
        TopicReader topics = stack.topicReader();
        // the job writes to readings too (a reading rerouted to its room's partition): read it once the job is done
        Waits.until("the streaming job has taken all of readings", Duration.ofMinutes(4),
                () -> topics.groupLag(Names.GROUP_STREAMING, Names.TOPIC_READINGS) == 0);
        List<ConsumerRecord<byte[], byte[]>> records = topics.readAll(Names.TOPIC_READINGS);
        List<Reading> valid = inArrivalOrder(records);
        Set<String> ids = new HashSet<>();
        valid.forEach(r -> ids.add(r.id()));
        List<DerivedRecord> expected = ReferenceAnalytics.compute(valid, window, lateness);
        Duration stall = Duration.ofMinutes(4);
        Waits.untilReaches("derived records stored", expected.size(), stall, () -> db.count(Names.COLL_ANALYTICS));
        Waits.untilReaches("raw readings stored", ids.size(), stall, () -> db.count(Names.COLL_READINGS));
        Waits.untilReaches("dead letters stored", badReadings, stall, () -> db.count(Names.COLL_DEAD_LETTERS));
        Waits.sleep(2_000);   // anything beyond the expected counts would show now

        Map<String, DerivedRecord> onAlpha = new HashMap<>();
        long alphaRecords = 0;
        for (ConsumerRecord<byte[], byte[]> r : topics.readAll(Names.TOPIC_ALPHA)) {
            alphaRecords++;
            Decoded<DerivedRecord> d = Codec.decodeDerived(r.value());
            assertTrue(d.isOk(), "the job wrote an undecodable record: " + d.reason());
            DerivedRecord before = onAlpha.put(d.value().id(), d.value());
            assertTrue(before == null || before.equals(d.value()), "a replayed record differs: " + before + " vs "
                    + d.value());
        }
        long missing = 0;
        long wrong = 0;
        for (DerivedRecord e : expected) {
            DerivedRecord got = onAlpha.get(e.id());
            if (got == null) {
                missing++;
            } else if (!got.equals(e)) {
                wrong++;
            }
        }
        ChildProcess verify = stack.run("verify", List.of("verify", "--lateness",
                lateness.toSeconds() + "s"));
        int verifyExit = verify.awaitExit(Duration.ofMinutes(10));
        String summary = verify.logLines().stream().filter(l -> l.contains("missing=")).reduce((a, b) -> b).orElse("");
        NetPromise p = new NetPromise(records.size(), valid.size(), ids.size(), expected.size(), alphaRecords, missing,
                wrong, db.count(Names.COLL_READINGS), db.count(Names.COLL_ANALYTICS),
                db.count(Names.COLL_DEAD_LETTERS), summary.trim());
        System.out.println("net promise: " + p.line());
        assertEquals(0, missing, "derived records missing from alpha; " + p.line());
        assertEquals(0, wrong, "derived records on alpha that differ from the recomputation; " + p.line());
        assertEquals(expected.size(), onAlpha.size(), "distinct derived records on alpha; " + p.line());
        assertEquals(ids.size(), p.rawStored, "raw documents vs distinct valid readings; " + p.line());
        assertEquals(expected.size(), p.derived, "derived documents vs expected; " + p.line());
        assertEquals(badReadings, p.deadLetters, "dead letters vs bad records; " + p.line());
        assertEquals(0, verifyExit, "bin/pipeline verify exit code; log " + verify.log());
        assertTrue(summary.contains("missing=0 extra=0 mismatching=0"), "verify said: " + summary);
        return p;
    }

    /**
     * The valid readings, each room's in the order the job judges them ({@link ArrivalOrder}); an original that the
     * job rerouted to its room's partition counts at its copy's place only.
     */
    private static List<Reading> inArrivalOrder(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> rerouted = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Header h = r.headers().lastHeader(Rerouted.HEADER);
            long[] original = h == null ? null : Rerouted.original(h.value());
            if (original != null) {
                rerouted.add(original[0] + "@" + original[1]);
            }
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byRoom = new LinkedHashMap<>();
        Map<ConsumerRecord<byte[], byte[]>, Reading> decoded = new IdentityHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Decoded<Reading> d = RecordVerdict.reading(r.key(), r.value(), r.timestamp());
            if (d.isOk() && !rerouted.contains(r.partition() + "@" + r.offset())) {
                decoded.put(r, d.value());
                byRoom.computeIfAbsent(d.value().roomId(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Reading> valid = new ArrayList<>();
        for (List<ConsumerRecord<byte[], byte[]>> room : byRoom.values()) {
            ArrivalOrder.ofRoom(room, ConsumerRecord::partition, ConsumerRecord::offset,
                    r -> decoded.get(r).seq()).forEach(r -> valid.add(decoded.get(r)));
        }
        return valid;
    }

    /** The figures on one line. */
    public String line() {
        return String.format("readings topic %d (valid %d, distinct %d), expected %d, alpha %d records, missing %d,"
                        + " wrong %d; stored raw %d, derived %d, dead letters %d; verify: %s", readings, valid, distinct,
                expected, alphaRecords, missing, wrong, rawStored, derived, deadLetters, verify);
    }
}
