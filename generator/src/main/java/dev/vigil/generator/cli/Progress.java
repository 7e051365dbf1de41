package dev.vigil.generator.cli;

import dev.vigil.generator.StreamRun;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The CLI's progress lines: one every few seconds while sending, one per tenth of the series while writing CSV. */
final class Progress {

    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final boolean quiet;
    private final long begin = System.nanoTime();
    private long lastLine = begin;

    Progress(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    void sent(StreamRun.Snapshot s) {
        if (quiet || s.done()) {
            return;
        }
        out.printf(Locale.ROOT, "  %,d / %,d points (%.0f%%), %,.0f points/s, event time %s, %,d labels%n",
                s.points(), s.total(), 100.0 * s.points() / s.total(), s.pointsPerSecond(),
                EVENT_TIME.format(Instant.ofEpochMilli(s.eventTime())), s.labels());
    }

    void seriesWritten(int done, int total) {
        long now = System.nanoTime();
        if (quiet || done == total || now - lastLine < Duration.ofSeconds(5).toNanos()) {
            return;
        }
        lastLine = now;
        out.printf(Locale.ROOT, "  %,d / %,d series written%n", done, total);
    }

    String elapsed() {
        return duration(Duration.ofNanos(System.nanoTime() - begin));
    }

    /** {@code 1 min}, {@code 90 s}, {@code 250 ms}, {@code 1.5 h}, {@code 2 d}: short, for humans. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000 || ms < 120_000 && ms % 60_000 != 0) {
            return trim(ms / 1000.0) + " s";
        }
        if (ms < 7_200_000) {
            return trim(ms / 60_000.0) + " min";
        }
        if (ms < 172_800_000) {
            return trim(ms / 3_600_000.0) + " h";
        }
        return trim(ms / 86_400_000.0) + " d";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
