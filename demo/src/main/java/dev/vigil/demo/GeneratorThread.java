package dev.vigil.demo;

import dev.vigil.generator.Label;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.MetricSink;
import dev.vigil.generator.StreamRun;
import dev.vigil.generator.output.KafkaSink;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends the generator's points to the metrics topic in a thread of its own, until done or stopped. */
final class GeneratorThread implements AutoCloseable {

    private final StreamRun run;
    private final KafkaSink sink;
    private final Thread thread;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile StreamRun.Result result;
    private volatile Throwable failure;

    private GeneratorThread(MetricGenerator generator, KafkaSink sink, double rate) {
        this.sink = sink;
        this.run = new StreamRun(generator, new MetricSink() {
            @Override
            public void point(String series, long ts, double value) {
                sink.point(series, ts, value);
            }

            @Override
            public void label(Label label) {
                // the demo knows the labels from the generator itself
            }
        }, rate);
        this.thread = new Thread(this::send, "vigil-demo-generator");
        thread.setDaemon(true);
    }

    static GeneratorThread start(MetricGenerator generator, String bootstrapServers, String topic, double rate) {
        KafkaSink sink = KafkaSink.open(new KafkaSink.Settings(bootstrapServers, topic, null, Map.of(),
                Duration.ofSeconds(30)));
        GeneratorThread sender = new GeneratorThread(generator, sink, rate);
        sender.thread.start();
        return sender;
    }

    private void send() {
        try {
            result = run.run(stop::get);
            sink.flush();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    long sent() {
        return run.pointsSent();
    }

    /** Whether every point was sent and acknowledged, or the thread failed or stopped. */
    boolean done() {
        return !thread.isAlive();
    }

    /** The run's result once {@link #done()}; null if it failed. */
    StreamRun.Result result() {
        return result;
    }

    /** Why the thread failed, or null. */
    Throwable failure() {
        return failure;
    }

    /** Stops sending, waits for the thread, and closes the producer. */
    @Override
    public void close() {
        stop.set(true);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }
}
