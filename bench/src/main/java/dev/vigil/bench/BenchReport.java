package dev.vigil.bench;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Every figure of one benchmark run, printed as lines and as one markdown table row. {@code mode} is how (b) served
 * the model; {@code window}, (c), is null when it was not run.
 */
record BenchReport(
        long points,
        int series,
        int partitions,
        int windowSize,
        int threads,
        String mode,
        ThroughputRun.Result passThrough,
        ThroughputRun.Result vigil,
        ThroughputRun.Result window,
        LatencyProbe.Result latency,
        long heapUsedAfterGc,
        long heapGrowthAfterGc,
        long stateDirBytes) {

    static final String TABLE_HEADER = "| points | series | partitions | W | threads | pass-through rec/s | mode (b) "
            + "| Vigil rec/s | ratio b/a | window mode rec/s (c) | ratio c/a | CPU µs/rec (a) | CPU µs/rec (b) "
            + "| latency rate rec/s | p50 ms | p99 ms | heap after GC MiB | heap B/series | state B/series |";
    static final String TABLE_RULE = "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    double ratio() {
        return vigil.recordsPerSecond() / passThrough.recordsPerSecond();
    }

    /** (b)'s rate over (a)'s after the warm-up: what a long-running streamer does, every point scored. */
    double scoredRatio() {
        return vigil.laterRecordsPerSecond() / passThrough.laterRecordsPerSecond();
    }

    /** (c)'s rate over (a)'s, NaN when (c) was not run. */
    double windowRatio() {
        return window == null ? Double.NaN : window.recordsPerSecond() / passThrough.recordsPerSecond();
    }

    /** Share of the input that only fills windows: W of every series' points, at most all of them. */
    double warmUpPercent() {
        double steps = (double) points / series;
        return 100.0 * Math.min(windowSize, steps) / steps;
    }

    double heapBytesPerSeries() {
        return (double) heapGrowthAfterGc / series;
    }

    double stateBytesPerSeries() {
        return (double) stateDirBytes / series;
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "input: %,d points, %,d series, %d partitions, W %d, %d stream thread(s)%n",
                points, series, partitions, windowSize, threads);
        out.printf(Locale.ROOT, "(a) pass-through: %,.0f records/s, %.2f s, CPU %.1f us/record%n",
                passThrough.recordsPerSecond(), passThrough.nanos() / 1e9, passThrough.cpuMicrosPerRecord());
        out.printf(Locale.ROOT, "(b) vigil, %s: %,.0f records/s, %.2f s, CPU %.1f us/record (%.0f%% of the input "
                        + "was warm-up: the first W points of a series need no forecast)%n",
                mode, vigil.recordsPerSecond(), vigil.nanos() / 1e9, vigil.cpuMicrosPerRecord(), warmUpPercent());
        out.printf(Locale.ROOT, "ratio b/a: %.3f%n", ratio());
        out.printf(Locale.ROOT, "after the warm-up (scored points only): (a) %,.0f records/s, (b) %,.0f records/s, "
                + "ratio %.3f%n", passThrough.laterRecordsPerSecond(), vigil.laterRecordsPerSecond(), scoredRatio());
        if (window != null) {
            out.printf(Locale.ROOT, "(c) vigil, window: %,.0f records/s, %.2f s, CPU %.1f us/record%n",
                    window.recordsPerSecond(), window.nanos() / 1e9, window.cpuMicrosPerRecord());
            out.printf(Locale.ROOT, "ratio c/a: %.3f (after the warm-up: %,.0f records/s, ratio %.3f)%n", windowRatio(),
                    window.laterRecordsPerSecond(), window.laterRecordsPerSecond()
                            / passThrough.laterRecordsPerSecond());
        }
        out.printf(Locale.ROOT, "latency at %,.0f records/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d of %,d "
                        + "points scored)%n", latency.rate(), latency.p50Micros() / 1e3, latency.p99Micros() / 1e3,
                latency.maxMicros() / 1e3, latency.scored(), latency.sent());
        out.printf(Locale.ROOT, "latency by second of the phase, worst of the points sent in it (ms; the warm-up's "
                + "%d s before the bar): %s%n", latency.warmUpSeconds(), latency.timeline());
        out.printf(Locale.ROOT, "heap after GC: %.1f MiB, %.0f bytes/series over the baseline before (b)%n",
                heapUsedAfterGc / 1048576.0, heapBytesPerSeries());
        out.printf(Locale.ROOT, "state on disk: %,d bytes, %.0f bytes/series%n", stateDirBytes,
                stateBytesPerSeries());
        out.println();
        out.println(TABLE_HEADER);
        out.println(TABLE_RULE);
        out.printf(Locale.ROOT, "| %,d | %,d | %d | %d | %d | %,.0f | %s | %,.0f | %.3f | %s | %s | %.1f | %.1f | %,.0f "
                        + "| %.1f | %.1f | %.0f | %.0f | %.0f |%n", points, series, partitions, windowSize, threads,
                passThrough.recordsPerSecond(), mode, vigil.recordsPerSecond(), ratio(),
                window == null ? "not run" : String.format(Locale.ROOT, "%,.0f", window.recordsPerSecond()),
                window == null ? "" : String.format(Locale.ROOT, "%.3f", windowRatio()),
                passThrough.cpuMicrosPerRecord(),
                vigil.cpuMicrosPerRecord(), latency.rate(), latency.p50Micros() / 1e3, latency.p99Micros() / 1e3,
                heapUsedAfterGc / 1048576.0, heapBytesPerSeries(), stateBytesPerSeries());
        out.flush();
    }
}
