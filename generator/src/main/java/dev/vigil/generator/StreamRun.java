package dev.vigil.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Sends a data set as a live source would: step by step, at each step one point of every series in series order,
 * at most {@code rate} points per second. A label goes to the sink once its last point has; when the run is stopped
 * early, the labels of anomalies under way are sent cut at the last point each series got, so the labels always
 * describe exactly the points sent.
 */
public final class StreamRun {

    /** Called from the sending thread now and then, and once at the end. */
    @FunctionalInterface
    public interface Progress {
        void report(Snapshot snapshot);
    }

    /**
     * @param points    points sent so far
     * @param total     points of the whole data set
     * @param eventTime timestamp of the step being sent
     * @param labels    labels sent so far
     * @param elapsed   since the first point
     * @param done      whether this is the last report
     */
    public record Snapshot(long points, long total, long eventTime, long labels, Duration elapsed, boolean done) {

        public double pointsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds > 0 ? points / seconds : 0;
        }
    }

    /** What a run sent: points, labels, the last step's timestamp, and whether it was stopped before the end. */
    public record Result(long points, long labels, long lastTs, Duration elapsed, boolean stoppedEarly) {
    }

    private final MetricGenerator generator;
    private final MetricSink sink;
    private final double rate;
    private final AtomicLong points = new AtomicLong();
    private final AtomicLong labels = new AtomicLong();
    private Duration progressEvery = Duration.ofSeconds(5);
    private Progress progress = snapshot -> { };

    /** @param rate points per second, 0 for as fast as the sink takes them */
    public StreamRun(MetricGenerator generator, MetricSink sink, double rate) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.sink = Objects.requireNonNull(sink, "sink");
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate: found " + rate + ", expected points per second >= 0");
        }
        this.rate = rate;
    }

    public StreamRun onProgress(Duration every, Progress listener) {
        this.progressEvery = every;
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Points sent so far; safe to read from any thread. */
    public long pointsSent() {
        return points.get();
    }

    /** Labels sent so far; safe to read from any thread. */
    public long labelsSent() {
        return labels.get();
    }

    /**
     * Sends every point, or until {@code stop} answers true or the thread is interrupted.
     *
     * @return what was sent; {@link Result#stoppedEarly()} tells a full run from a stopped one
     */
    public Result run(BooleanSupplier stop) {
        GeneratorSpec spec = generator.spec();
        int n = spec.series();
        List<SeriesGenerator> series = new ArrayList<>(n);
        List<List<Label>> labelsByEndStep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            series.add(generator.series(i));
        }
        for (int t = 0; t < spec.steps(); t++) {
            labelsByEndStep.add(null);
        }
        for (int i = 0; i < n; i++) {
            for (Anomaly anomaly : generator.anomalies(i)) {
                List<Label> ending = labelsByEndStep.get(anomaly.end());
                if (ending == null) {
                    ending = new ArrayList<>(2);
                    labelsByEndStep.set(anomaly.end(), ending);
                }
                ending.add(new Label(series.get(i).profile().id(), spec.timestamp(anomaly.start()),
                        spec.timestamp(anomaly.end()), anomaly.kind()));
            }
        }
        Pacer pacer = new Pacer(rate);
        long begin = System.nanoTime();
        long nextReport = begin + progressEvery.toNanos();
        long sent = 0;
        for (int t = 0; t < spec.steps(); t++) {
            long ts = spec.timestamp(t);
            for (int i = 0; i < n; i++) {
                if (stop.getAsBoolean() || !pace(pacer, sent)) {
                    return stopped(series, t, i, begin);
                }
                SeriesGenerator one = series.get(i);
                sink.point(one.profile().id(), ts, one.next());
                sent = points.incrementAndGet();
                if ((sent & 1023) == 0 && System.nanoTime() >= nextReport) {
                    progress.report(snapshot(ts, begin, false));
                    nextReport = System.nanoTime() + progressEvery.toNanos();
                }
            }
            List<Label> ending = labelsByEndStep.get(t);
            if (ending != null) {
                ending.forEach(this::sendLabel);
            }
        }
        long lastTs = spec.timestamp(spec.steps() - 1);
        progress.report(snapshot(lastTs, begin, true));
        return new Result(points.get(), labels.get(), lastTs, Duration.ofNanos(System.nanoTime() - begin), false);
    }

    private static boolean pace(Pacer pacer, long sent) {
        try {
            pacer.await(sent);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends the labels under way, cut at each series' last point: series before {@code index} got step {@code t}. */
    private Result stopped(List<SeriesGenerator> series, int t, int index, long begin) {
        GeneratorSpec spec = generator.spec();
        for (int i = 0; i < series.size(); i++) {
            int lastStep = i < index ? t : t - 1;
            for (Anomaly anomaly : generator.anomalies(i)) {
                if (anomaly.start() <= lastStep && anomaly.end() >= t) {
                    sendLabel(new Label(series.get(i).profile().id(), spec.timestamp(anomaly.start()),
                            spec.timestamp(Math.min(anomaly.end(), lastStep)), anomaly.kind()));
                }
            }
        }
        long lastTs = spec.timestamp(index > 0 ? t : Math.max(0, t - 1));
        progress.report(snapshot(lastTs, begin, true));
        return new Result(points.get(), labels.get(), lastTs, Duration.ofNanos(System.nanoTime() - begin), true);
    }

    private void sendLabel(Label label) {
        sink.label(label);
        labels.incrementAndGet();
    }

    private Snapshot snapshot(long ts, long begin, boolean done) {
        return new Snapshot(points.get(), generator.spec().points(), ts, labels.get(),
                Duration.ofNanos(System.nanoTime() - begin), done);
    }
}
