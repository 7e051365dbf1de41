package dev.vigil.streamer.reliability;

import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * The input of the crash loop: seasonal points for many series, written step by step in event-time order by a thread
 * of its own at a steady pace, with a long level shift on a few series. While the shift is on, the thread slows down,
 * and before its last step it waits until {@link #releaseShift()}: the test kills the streamer in between, so the
 * anomaly is open across the kill.
 */
final class CrashLoopTraffic {

    static final long STEP = 60_000L;
    /** Steps of the injected level shift. */
    static final int SHIFT_LENGTH = 15;
    /** Series that carry the level shift. */
    static final int SHIFTED_SERIES = 3;
    private static final long SLOW_STEP_MS = 250;
    private static final long SHIFT_HOLD_S = 120;

    final int seriesCount;
    final int steps;
    final int shiftStart;
    final List<String> shifted;
    private final History history;
    private final long firstTs;
    private final long paceNanosPerStep;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final CountDownLatch shiftReleased = new CountDownLatch(1);
    private Thread thread;

    /**
     * About {@code points} points: 400 to 1000 steps per series and as many series as it takes, written over
     * {@code productionSeconds}.
     */
    CrashLoopTraffic(long points, int productionSeconds) {
        this.steps = (int) Math.min(1000, Math.max(400, points / 200));
        this.seriesCount = (int) Math.max(SHIFTED_SERIES * 4, (points + steps - 1) / steps);
        this.history = SyntheticHistory.of(seriesCount, steps, 2026).generate();
        this.shiftStart = steps * 11 / 20;
        this.shifted = IntStream.range(0, SHIFTED_SERIES).mapToObj(i -> seriesId(seriesCount * (2 * i + 1)
                / (2 * SHIFTED_SERIES))).toList();
        this.paceNanosPerStep = TimeUnit.SECONDS.toNanos(productionSeconds) / steps;
        // recent event times: the broker's time-based retention (7 days by default) deletes older records at once
        this.firstTs = (System.currentTimeMillis() / STEP - steps) * STEP;
    }

    long points() {
        return (long) seriesCount * steps;
    }

    String seriesId(int s) {
        return history.series().get(s).id();
    }

    List<String> seriesIds() {
        return IntStream.range(0, seriesCount).mapToObj(this::seriesId).toList();
    }

    long ts(int step) {
        return firstTs + step * STEP;
    }

    /** Event time of the shift's first step. */
    long shiftStartTs() {
        return ts(shiftStart);
    }

    /** Event time of the first step after the shift. */
    long shiftEndTs() {
        return ts(shiftStart + SHIFT_LENGTH);
    }

    /** Points sent so far (not all of them acknowledged yet). */
    long produced() {
        return produced.get();
    }

    /** Lets the producer write the rest of the level shift and everything after it. */
    void releaseShift() {
        shiftReleased.countDown();
    }

    void start(String bootstrapServers, String topic) {
        thread = new Thread(() -> {
            try {
                produce(bootstrapServers, topic);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "crash-loop-producer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the producer if it still runs (after a failed loop). */
    void stop() throws InterruptedException {
        releaseShift();
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Waits for the producer to finish and rethrows what made it fail. */
    void join(long timeoutSeconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
        if (thread.isAlive()) {
            throw new AssertionError("the producer did not finish within " + timeoutSeconds + " s; sent "
                    + produced() + " of " + points());
        }
        if (failure.get() != null) {
            throw new AssertionError("the producer failed", failure.get());
        }
    }

    private void produce(String bootstrapServers, String topic) throws InterruptedException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            long next = System.nanoTime();
            for (int t = 0; t < steps; t++) {
                if (t == shiftStart + SHIFT_LENGTH - 1) {
                    if (!shiftReleased.await(SHIFT_HOLD_S, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the shift was not released within " + SHIFT_HOLD_S + " s");
                    }
                    next = System.nanoTime();
                }
                for (int s = 0; s < seriesCount; s++) {
                    producer.send(new ProducerRecord<>(topic, seriesId(s), json(s, t)), (m, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
                }
                produced.addAndGet(seriesCount);
                boolean slow = t >= shiftStart && t < shiftStart + SHIFT_LENGTH && shiftReleased.getCount() > 0;
                next += slow ? TimeUnit.MILLISECONDS.toNanos(SLOW_STEP_MS) : paceNanosPerStep;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } else if (slow) {
                    next = System.nanoTime();
                }
            }
            producer.flush();
        }
    }

    private String json(int s, int t) {
        return String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", ts(t), value(s, t));
    }

    /** The seasonal value, raised well above the series' range on the shifted series during the shift. */
    double value(int s, int t) {
        double value = history.series().get(s).value(t, 0);
        if (t >= shiftStart && t < shiftStart + SHIFT_LENGTH && shifted.contains(seriesId(s))) {
            value += 3 * Math.abs(history.series().get(s).value(0, 0)) + 1;
        }
        return value;
    }
}
