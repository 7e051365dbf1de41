package dev.vigil.generator.cli;

import dev.vigil.generator.Label;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.generator.MetricSink;
import dev.vigil.generator.StreamRun;
import dev.vigil.generator.output.KafkaSink;
import dev.vigil.generator.output.LabelsCsv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a data set to Kafka from the CLI. Ctrl-C (or SIGTERM) stops the run between two points; the labels under
 * way are cut at the last point sent, and everything is flushed before the process exits.
 */
final class KafkaRun {

    private static final Duration FLUSH_WAIT = Duration.ofSeconds(60);

    private final PrintStream out;
    private final boolean quiet;

    KafkaRun(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    int run(MetricGenerator generator, KafkaSink.Settings settings, Path labelsFile, double rate) throws IOException {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-generator-stop");
        Progress progress = new Progress(out, quiet);
        try (KafkaSink kafka = KafkaSink.open(settings);
             LabelsCsv.Writer file = labelsFile == null ? null : new LabelsCsv.Writer(labelsFile)) {
            Runtime.getRuntime().addShutdownHook(hook);
            MetricSink sink = new MetricSink() {
                @Override
                public void point(String series, long ts, double value) {
                    kafka.point(series, ts, value);
                }

                @Override
                public void label(Label label) {
                    kafka.label(label);
                    if (file != null) {
                        file.write(label);
                    }
                }
            };
            out.printf(Locale.ROOT, "Sending to '%s'%s on %s%s%n", settings.topic(),
                    settings.labelsTopic() == null ? "" : ", labels to '" + settings.labelsTopic() + "'",
                    settings.bootstrapServers(), rate > 0 ? String.format(Locale.ROOT, " at %,.0f points/s", rate)
                            : " as fast as possible");
            StreamRun.Result result = new StreamRun(generator, sink, rate).onProgress(Duration.ofSeconds(5),
                    progress::sent).run(stop::get);
            kafka.flush();
            double seconds = result.elapsed().toNanos() / 1e9;
            out.printf(Locale.ROOT, "%s %,d points and %,d labels in %s (%,.0f points/s)%n",
                    result.stoppedEarly() ? "Stopped early: sent" : "Sent", result.points(), result.labels(),
                    progress.elapsed(), seconds > 0 ? result.points() / seconds : 0);
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotAdded) {
                // the hook is running, or was never added
            }
        }
    }
}
