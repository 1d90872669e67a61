package io.sensorpipe.producer;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts records sent, acknowledged and failed; one shared callback instance for every send. */
final class Deliveries implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

    private final AtomicLong sent = new AtomicLong();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /** Called by the sending thread after each send. */
    void sent() {
        sent.setRelease(sent.getPlain() + 1);   // single writer: no read-modify-write needed
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        if (exception == null) {
            acked.increment();
            return;
        }
        failed.increment();
        if (failureLogged.compareAndSet(false, true)) {
            LOG.error("Kafka did not accept a record (further failures are only counted): {}", exception.toString());
        }
    }

    long sentCount() {
        return sent.getAcquire();
    }

    long ackedCount() {
        return acked.sum();
    }

    long failedCount() {
        return failed.sum();
    }
}
