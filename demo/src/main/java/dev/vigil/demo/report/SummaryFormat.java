package dev.vigil.demo.report;

import dev.vigil.demo.watch.Tally;
import dev.vigil.generator.Label;
import dev.vigil.streamer.evaluation.EventCounts;
import dev.vigil.streamer.output.AnomalyEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's console text: the progress line, one line per anomaly opened or resolved, and the final report. */
public final class SummaryFormat {

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SummaryFormat() {
    }

    /** Wall-clock time as {@code m:ss}. */
    public static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    /** Event time as weekday and UTC time, {@code Tue 14:05}. */
    public static String eventTime(long ts) {
        return DAY_TIME.format(Instant.ofEpochMilli(ts));
    }

    /**
     * The progress line: points sent and scored with their rates over the last interval, dead letters, the event
     * time reached and the anomalies.
     */
    public static String progress(Duration elapsed, long sent, long total, double sentPerSecond, Tally tally,
                                  double scoredPerSecond) {
        return String.format(Locale.ROOT, "[%s] sent %,d/%,d (%,.0f/s)  scored %,d (%,.0f/s)  warming up %,d  dead "
                        + "letters %,d  event time %s  anomalies: %,d open, %,d opened, %,d resolved",
                clock(elapsed), sent, total, sentPerSecond, tally.scored(), scoredPerSecond, tally.warmingUp(),
                tally.deadLetters(), tally.lastScoredTs() == 0 ? "-" : eventTime(tally.lastScoredTs()), tally.open(),
                tally.opened(), tally.resolved());
    }

    /**
     * One anomaly event, with the injected anomaly it overlaps: {@code OPENED latency-013 Tue 13:51 MAJOR
     * level-shift injected at 13:49}; null for events not worth a line (UPDATED).
     */
    public static String event(AnomalyEvent event, Label injected) {
        String what;
        if ("OPENED".equals(event.type())) {
            what = String.format(Locale.ROOT, "%-9s since %s", event.severity(), eventTime(event.openedAt()));
        } else if ("RESOLVED".equals(event.type())) {
            what = String.format(Locale.ROOT, "%s to %s (%s)", eventTime(event.openedAt()), TIME.format(
                    Instant.ofEpochMilli(event.ts())), minutes(event.ts() - event.openedAt()));
        } else {
            return null;
        }
        String truth = injected == null ? "no injected anomaly here: a false alarm so far"
                : injected.kind().id() + " injected at " + eventTime(injected.start());
        return String.format(Locale.ROOT, "    %-8s %-14s %-32s %s", event.type(), event.series(), what, truth);
    }

    /** A span of event time, short: {@code 1 min}, {@code 90 s}, {@code 12 h}, {@code 2 d}. */
    public static String span(long millis) {
        if (millis < 60_000 || millis < 120_000 && millis % 60_000 != 0) {
            return trim(millis / 1000.0) + " s";
        }
        if (millis < 7_200_000) {
            return trim(millis / 60_000.0) + " min";
        }
        if (millis < 172_800_000) {
            return trim(millis / 3_600_000.0) + " h";
        }
        return trim(millis / 86_400_000.0) + " d";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A duration of event time in minutes, or hours beyond two. */
    static String minutes(long millis) {
        long minutes = Math.round(millis / 60_000.0);
        return minutes < 120 ? minutes + " min" : String.format(Locale.ROOT, "%.1f h", minutes / 60.0);
    }

    /** The detection report: precision, recall and F1, then one row per kind with recall and median delay. */
    public static List<String> evaluation(Evaluation evaluation) {
        List<String> lines = new ArrayList<>();
        EventCounts t = evaluation.total();
        lines.add(String.format(Locale.ROOT, "Detection against the generator's %,d labels (a label is found when an "
                + "anomaly overlaps it):", evaluation.labels()));
        lines.add(String.format(Locale.ROOT, "  precision %.2f   recall %.2f   F1 %.2f   (%,d found, %,d missed, %,d "
                        + "false alarms among %,d anomalies)", t.precision(), t.recall(), t.f1(), t.truePositives(),
                t.falseNegatives(), t.falsePositives(), evaluation.anomalies()));
        lines.add(String.format(Locale.ROOT, "  %-12s %7s %7s %7s %14s", "kind", "labels", "found", "recall",
                "median delay"));
        for (Map.Entry<String, EventCounts> kind : evaluation.byKind().entrySet()) {
            EventCounts c = kind.getValue();
            long delay = evaluation.medianDelay(kind.getKey());
            lines.add(String.format(Locale.ROOT, "  %-12s %7d %7d %7.2f %14s", kind.getKey(),
                    c.truePositives() + c.falseNegatives(), c.truePositives(), c.recall(),
                    delay < 0 ? "-" : minutes(delay)));
        }
        return lines;
    }
}
