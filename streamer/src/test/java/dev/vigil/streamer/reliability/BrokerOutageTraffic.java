package dev.vigil.streamer.reliability;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes Vigil JSON points for many series from its own thread, one step of every series at a time in event-time
 * order, a step every {@code pace} of wall-clock time, and counts what the broker acknowledged. The producer waits
 * out a broker outage for up to {@link #DELIVERY_TIMEOUT}: once no broker answers, a Kafka 4 client drops its
 * metadata (it "rebootstraps"), so {@code send()} blocks until the broker is back ({@code max.block.ms}), and the
 * steps due meanwhile go out in a burst afterwards; batches already handed over are retried
 * ({@code delivery.timeout.ms}).
 */
final class BrokerOutageTraffic implements AutoCloseable {

    static final long T0 = 1_767_225_600_000L;
    static final long STEP_MS = 60_000L;
    /** How long a point may wait for the broker before the producer gives up on it. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    final int series;
    final int steps;
    private final Duration pace;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicLong longestSendNanos = new AtomicLong();
    private volatile long startedNanos;
    private final List<Exception> failures = new ArrayList<>();
    private volatile boolean stopping;

    private BrokerOutageTraffic(String bootstrapServers, String topic, int series, int steps, Duration pace) {
        this.topic = topic;
        this.series = series;
        this.steps = steps;
        this.pace = pace;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                new StringSerializer(), new StringSerializer());
        this.thread = new Thread(this::run, "broker-outage-traffic");
    }

    /** Starts writing {@code steps} points for each of {@code series} series. */
    static BrokerOutageTraffic start(String bootstrapServers, String topic, int series, int steps, Duration pace) {
        BrokerOutageTraffic traffic = new BrokerOutageTraffic(bootstrapServers, topic, series, steps, pace);
        traffic.startedNanos = System.nanoTime();
        traffic.thread.start();
        return traffic;
    }

    static String seriesId(int s) {
        return String.format(Locale.ROOT, "outage-%02d", s);
    }

    static long ts(int step) {
        return T0 + step * STEP_MS;
    }

    /** The points handed to the producer so far; point {@code i} is step {@code i / series} of series {@code i % series}. */
    int sent() {
        return sent.get();
    }

    /** The points due by {@code nanos} on the steady schedule, whether or not the producer could send them. */
    int dueBy(long nanos) {
        long steps = (nanos - startedNanos) / pace.toNanos() + 1;
        return (int) Math.min(total(), Math.max(0, steps) * series);
    }

    /** The longest that one {@code send()} call blocked. */
    Duration longestSend() {
        return Duration.ofNanos(longestSendNanos.get());
    }

    int acked() {
        return acked.get();
    }

    int total() {
        return series * steps;
    }

    synchronized List<Exception> failures() {
        return List.copyOf(failures);
    }

    /** Waits until at least {@code points} points were handed to the producer. */
    void awaitSent(int points, Duration timeout) throws InterruptedException {
        awaitCount(sent, points, timeout, "sent");
    }

    /** Waits until the broker acknowledged or the producer gave up on every point. */
    void awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acked.get() + failures().size() < total() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void awaitCount(AtomicInteger count, int points, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < points) {
            if (System.nanoTime() > deadline || !thread.isAlive() && count.get() < points) {
                throw new AssertionError(points + " points not " + what + " within " + timeout + ": only "
                        + count.get());
            }
            Thread.sleep(20);
        }
    }

    private void run() {
        long started = startedNanos;
        for (int t = 0; t < steps && !stopping; t++) {
            for (int s = 0; s < series; s++) {
                double value = 100 * (s + 1) + 10 * Math.sin(2 * Math.PI * t / 24);
                long before = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, seriesId(s),
                        String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", ts(t), value)), (metadata, e) -> {
                            if (e == null) {
                                acked.incrementAndGet();
                            } else {
                                synchronized (this) {
                                    failures.add(e);
                                }
                            }
                        });
                longestSendNanos.accumulateAndGet(System.nanoTime() - before, Math::max);
                sent.incrementAndGet();
            }
            long next = started + (t + 1) * pace.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        producer.flush();
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }
}
