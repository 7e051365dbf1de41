package dev.vigil.streamer.alerting;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The sink's consumer loop: reads anomaly events, posts their alerts, commits the offsets only once they were
 * delivered, and re-posts the open alerts every refresh interval. While Alertmanager is unreachable or failing, the
 * batch in hand is retried with exponential backoff and the consumer is paused (it keeps polling, so it stays in its
 * group, but reads nothing new), so nothing is skipped and the sink catches up once Alertmanager is back.
 */
final class SinkLoop implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration MAX_POLL = Duration.ofSeconds(1);
    private static final Duration MIN_POLL = Duration.ofMillis(10);
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final AlertmanagerClient client;
    private final AlertTranslator translator;
    private final Duration refresh;
    private final Backoff backoff;
    private final Clock clock;
    private final OpenAlerts open = new OpenAlerts();
    private volatile boolean stopping;
    private Delivery pending;
    private Instant nextAttempt = Instant.MIN;
    private Instant nextRefresh;

    SinkLoop(Consumer<byte[], byte[]> consumer, String topic, AlertmanagerClient client, AlertTranslator translator,
             Duration refresh, Backoff backoff, Clock clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.client = client;
        this.translator = translator;
        this.refresh = refresh;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalances());
            nextRefresh = clock.instant().plus(refresh);
            while (!stopping) {
                step();
            }
        } catch (WakeupException | InterruptException | InterruptedException e) {
            if (!stopping) {
                log.error("Alertmanager sink interrupted; it stops", e);
            }
        } catch (RuntimeException | Error e) {
            log.error("Alertmanager sink failed; it stops (scoring goes on)", e);
        } finally {
            Thread.interrupted();
            try {
                consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
            } catch (RuntimeException e) {
                log.warn("Closing the Alertmanager sink's consumer failed", e);
            }
        }
    }

    /** Makes the loop end; the caller then wakes the consumer up. */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    private void step() throws InterruptedException {
        Instant now = clock.instant();
        if (pending == null && !now.isBefore(nextRefresh)) {
            nextRefresh = now.plus(refresh);
            if (!open.isEmpty()) {
                pending = Delivery.refresh(open);
                nextAttempt = now;
            }
        }
        if (pending == null) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout(now, nextRefresh));
            if (records.isEmpty()) {
                return;
            }
            pending = Delivery.ofEvents(records, open, translator, clock.instant());
            nextAttempt = Instant.MIN;
        }
        if (!clock.instant().isBefore(nextAttempt)) {
            deliver();
        }
        if (pending != null) {
            consumer.pause(consumer.assignment());
            ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(pollTimeout(clock.instant(), nextAttempt));
            if (!unexpected.isEmpty()) {
                unexpected.partitions().forEach(tp -> consumer.seek(tp, unexpected.records(tp).get(0).offset()));
            }
        }
    }

    private void deliver() throws InterruptedException {
        if (!pending.attempt(client, clock.instant().plus(refresh.multipliedBy(3)))) {
            Duration delay = backoff.failed();
            nextAttempt = clock.instant().plus(delay);
            AlertmanagerClient.Result why = pending.lastFailure();
            log.warn("Alertmanager at {} did not take {} alert(s) ({}{}); trying again in {} ms, reading no events "
                    + "meanwhile", client.endpoint(), pending.size(), why.status() == 0 ? "" : "HTTP " + why.status()
                    + ": ", why.detail(), delay.toMillis());
            return;
        }
        if (backoff.failures() > 0) {
            log.info("Alertmanager took the alerts after {} failed attempt(s)", backoff.failures());
        }
        backoff.reset();
        Delivery done = pending;
        pending = null;
        consumer.resume(consumer.paused());
        done.applyTo(open);
        if (done.hasOffsets()) {
            commit(open.commitOffsets());
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("Could not commit the Alertmanager sink's offsets ({}); the events since the last commit will "
                    + "be posted again", e.toString());
        }
    }

    private static Duration pollTimeout(Instant now, Instant until) {
        Duration left = Duration.between(now, until.isBefore(now) ? now : until);
        return left.compareTo(MIN_POLL) < 0 ? MIN_POLL : left.compareTo(MAX_POLL) > 0 ? MAX_POLL : left;
    }

    /** Partitions moved away: drop their open alerts; a pending batch is given up and its records read again. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (pending != null && !stopping) {
                pending.firstOffsets().forEach((tp, offset) -> {
                    if (!partitions.contains(tp)) {
                        consumer.seek(tp, offset);
                    }
                });
                consumer.resume(consumer.paused());
                nextRefresh = clock.instant();
            }
            pending = null;
            open.drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pending != null) {
                consumer.pause(partitions);
            }
        }
    }
}
