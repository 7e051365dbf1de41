package dev.vigil.demo;

import dev.vigil.demo.broker.EmbeddedKafka;
import dev.vigil.demo.report.Evaluation;
import dev.vigil.demo.report.LabelIndex;
import dev.vigil.demo.report.SummaryFormat;
import dev.vigil.demo.watch.OutputWatcher;
import dev.vigil.demo.watch.Tally;
import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.streamer.cli.StreamerApp;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.topology.StreamerSettings;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One demo run: a broker in this JVM, the streamer on it, the generator sending into it, a progress line every few
 * seconds with the anomalies opened and resolved, and at the end the streamer's anomalies scored against the
 * generator's labels. Everything is stopped in order (generator, streamer, output reader, broker) and the temporary
 * folder deleted, whether the run ends, fails or is stopped with {@link #requestStop()}.
 */
public final class Demo {

    /** Hooks for a caller that watches the run, such as a test. */
    public interface Listener {
        /** The streamer is running and /metrics is served on {@code metricsPort}. */
        default void started(int metricsPort, Path dataDir) {
        }
    }

    /**
     * What a run did.
     *
     * @param sent        points the generator sent
     * @param tally       what the streamer wrote
     * @param evaluation  anomalies against labels; null when the run was stopped before the end
     * @param metricsPort where /metrics was served
     * @param dataDir     the temporary folder (deleted unless kept)
     * @param stopped     whether {@link #requestStop()} ended the run early
     * @param sendSeconds how long sending took
     */
    public record Result(long sent, Tally tally, Evaluation evaluation, int metricsPort, Path dataDir,
                         boolean stopped, double sendSeconds) {
    }

    static final String APPLICATION_ID = "vigil-demo";
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final int EVENT_LINES_PER_UPDATE = 8;

    private final DemoOptions options;
    private final PrintStream out;
    private final Listener listener;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    public Demo(DemoOptions options, PrintStream out, Listener listener) {
        this.options = options;
        this.out = out;
        this.listener = listener;
    }

    /** Asks a running demo to stop; {@link #run()} then stops everything and returns. */
    public void requestStop() {
        stop.set(true);
    }

    /** Waits until {@link #run()} has cleaned up; false when the timeout passed first. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Result run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vigil-demo-");
        Stack stack = new Stack(out);
        try {
            Path model = options.train()
                    ? FreshModel.train(options.home(), dir.resolve("model.onnx"), out, stop::get) : options.model();
            if (model == null) {
                out.println("Stopped while training");
                return new Result(0, Tally.EMPTY, null, -1, dir, true, 0);
            }
            ModelSpec spec = checkedSpec(model);
            MetricGenerator generator = new MetricGenerator(generatorSpec(spec));
            out.println(Header.plan(options, spec, model, generator));
            StreamerSettings topics = stack.start(options, model, dir);
            listener.started(stack.app().metricsPort(), dir);
            out.printf(Locale.ROOT, "Streamer running; Prometheus metrics on http://localhost:%d/metrics%n%n",
                    stack.app().metricsPort());
            stack.sendFrom(generator, topics.inputTopic(), options.rate());
            return watch(stack, generator, dir);
        } finally {
            try {
                stack.close();
            } finally {
                if (options.keepData()) {
                    out.println("Kept the broker's data and the streamer's state in " + dir);
                } else {
                    delete(dir);
                }
                finished.countDown();
            }
        }
    }

    private Result watch(Stack stack, MetricGenerator generator, Path dir) throws InterruptedException {
        LabelIndex labels = new LabelIndex(generator.labels());
        long total = generator.spec().points();
        long begin = System.nanoTime();
        Progress progress = new Progress(begin);
        long nextLine = begin + options.summaryEvery().toNanos();
        long drainStart = 0;
        long lastHandled = -1;
        while (!stop.get()) {
            TimeUnit.MILLISECONDS.sleep(100);
            GeneratorThread sender = stack.sender();
            if (sender.failure() != null) {
                throw new IllegalStateException("the generator failed: " + sender.failure().getMessage(),
                        sender.failure());
            }
            KafkaStreams.State state = stack.app().state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                    || state == KafkaStreams.State.NOT_RUNNING;
            if (failed && !stop.get()) { // a stop closes Kafka Streams from its own shutdown hook
                throw new IllegalStateException("the streamer stopped (Kafka Streams " + state + "); its log above "
                        + "says why");
            }
            Tally tally = stack.watcher().tally();
            boolean drained = sender.done() && tally.handled() >= sender.sent();
            if (System.nanoTime() >= nextLine || drained) {
                printProgress(progress, sender.sent(), total, tally, stack.watcher().newEvents(), labels);
                nextLine = System.nanoTime() + options.summaryEvery().toNanos();
            }
            if (drained) {
                break;
            }
            if (sender.done()) {
                if (tally.handled() != lastHandled) {
                    lastHandled = tally.handled();
                    drainStart = System.nanoTime();
                } else if (System.nanoTime() - drainStart > DRAIN_TIMEOUT.toNanos()) {
                    out.printf(Locale.ROOT, "The streamer handled %,d of %,d points and nothing more for %d s; "
                            + "going on without the rest%n", tally.handled(), sender.sent(), DRAIN_TIMEOUT.toSeconds());
                    break;
                }
            }
        }
        GeneratorThread sender = stack.sender();
        Tally tally = stack.watcher().tally();
        double sendSeconds = sender.result() == null ? (System.nanoTime() - begin) / 1e9
                : sender.result().elapsed().toNanos() / 1e9;
        if (stop.get()) {
            out.printf(Locale.ROOT, "%nStopped after %s: %,d points sent, %,d handled; no precision or recall for a "
                    + "run cut short%n", SummaryFormat.clock(Duration.ofNanos(System.nanoTime() - begin)),
                    sender.sent(), tally.handled());
            return new Result(sender.sent(), tally, null, stack.app().metricsPort(), dir, true, sendSeconds);
        }
        List<AnomalyEvent> events = stack.watcher().events();
        Evaluation evaluation = Evaluation.of(generator.labels(), events,
                generator.spec().timestamp(generator.spec().steps() - 1));
        out.println();
        out.println(Header.totals(Duration.ofNanos(System.nanoTime() - begin), sender.sent(), sendSeconds, tally));
        out.println(Header.metrics(stack.app().metricsPort(), MetricsProbe.read(stack.app().metricsPort())));
        out.println();
        SummaryFormat.evaluation(evaluation).forEach(out::println);
        return new Result(sender.sent(), tally, evaluation, stack.app().metricsPort(), dir, false, sendSeconds);
    }

    private void printProgress(Progress progress, long sent, long total, Tally tally, List<AnomalyEvent> events,
                               LabelIndex labels) {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - progress.lastNanos) / 1e9);
        out.println(SummaryFormat.progress(Duration.ofNanos(now - progress.begin), sent, total,
                (sent - progress.lastSent) / seconds, tally, (tally.scored() - progress.lastScored) / seconds));
        progress.lastNanos = now;
        progress.lastSent = sent;
        progress.lastScored = tally.scored();
        int printed = 0;
        int skipped = 0;
        for (AnomalyEvent event : events) {
            String line = SummaryFormat.event(event, labels.overlapping(event.series(), event.openedAt(), event.ts()));
            if (line == null) {
                continue;
            }
            if (printed < EVENT_LINES_PER_UPDATE) {
                out.println(line);
                printed++;
            } else {
                skipped++;
            }
        }
        if (skipped > 0) {
            out.printf(Locale.ROOT, "    ... and %d more%n", skipped);
        }
    }

    /** Rates between two progress lines. */
    private static final class Progress {
        final long begin;
        long lastNanos;
        long lastSent;
        long lastScored;

        Progress(long begin) {
            this.begin = begin;
            this.lastNanos = begin;
        }
    }

    private GeneratorSpec generatorSpec(ModelSpec spec) {
        long step = spec.stepMillis();
        long steps = options.duration().toMillis() / step;
        if (steps < 1 || steps > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--duration " + options.duration() + " holds " + steps
                    + " steps of the model's " + step + " ms");
        }
        // the last point one step before now: the streamer refuses points more than a day ahead of its clock
        long start = Math.floorDiv(System.currentTimeMillis(), step) * step - (steps - 1) * step;
        int warmUp = Math.max(GeneratorSpec.DEFAULT_WARM_UP_STEPS, 2 * spec.windowSize());
        try {
            return new GeneratorSpec(options.series(), (int) steps, step, start, options.seed(), options.anomalies(),
                    options.anomalyRate(), warmUp, options.magnitude());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    private static ModelSpec checkedSpec(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("model " + model + " not found; give one with --model FILE or train "
                    + "one with --train");
        }
        ModelSpec spec = OnnxModelSpecReader.read(model);
        if (!spec.features().equals(List.of("value")) || !spec.targets().equals(List.of("value"))) {
            throw new IllegalArgumentException("model " + model + " has features " + spec.features() + " and targets "
                    + spec.targets() + "; the demo's series have one feature, value");
        }
        return spec;
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
