package dev.vigil.demo;

import dev.vigil.demo.report.SummaryFormat;
import dev.vigil.demo.watch.Tally;
import dev.vigil.generator.GeneratorSpec;
import dev.vigil.generator.Label;
import dev.vigil.generator.MetricGenerator;
import dev.vigil.spec.ModelSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The demo's opening lines (the plan) and closing totals. */
final class Header {

    private Header() {
    }

    static String plan(DemoOptions options, ModelSpec spec, Path model, MetricGenerator generator) {
        GeneratorSpec g = generator.spec();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Label label : generator.labels()) {
            kinds.merge(label.kind().id(), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Vigil demo: %d series (cpu %%, latency ms, request rate, queue depth),"
                        + " %s of %s points each, %,d points sent %s, seed %d%n", g.series(),
                SummaryFormat.span(g.steps() * g.stepMillis()),
                SummaryFormat.span(g.stepMillis()), g.points(),
                options.rate() > 0 ? String.format(Locale.ROOT, "at %,.0f points/s", options.rate())
                        : "as fast as the broker takes them", g.seed()));
        text.append(String.format(Locale.ROOT, "Event time %s to %s UTC; anomalies injected: %d %s%n",
                SummaryFormat.eventTime(g.startMillis()), SummaryFormat.eventTime(g.timestamp(g.steps() - 1)),
                generator.labels().size(), kinds));
        text.append(String.format(Locale.ROOT, "Model %s: window %d, horizon %d, trained on %d other series "
                + "(%,d points)", shown(options.home(), model), spec.windowSize(), spec.horizon(), spec.provenance().data().series(),
                spec.provenance().data().points()));
        return text.toString();
    }

    /** The model's path relative to the checkout when it lies inside it. */
    private static Path shown(Path home, Path model) {
        Path absolute = model.toAbsolutePath().normalize();
        Path root = home.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute) : model;
    }

    static String metrics(int port, Map<String, Double> counters) {
        if (counters.isEmpty()) {
            return "http://localhost:" + port + "/metrics did not answer";
        }
        StringBuilder text = new StringBuilder("From http://localhost:" + port + "/metrics:");
        counters.forEach((name, value) -> text.append(String.format(Locale.ROOT, " %s %,.0f", name, value)));
        return text.toString();
    }

    static String totals(Duration elapsed, long sent, double sendSeconds, Tally tally) {
        return String.format(Locale.ROOT, "Done in %s: %,d points sent in %.0f s (%,.0f points/s); the streamer "
                        + "handled %,d (%,d scored, %,d warming up, %,d dead letters) and opened %,d anomalies "
                        + "(%,d resolved, %,d still open)", SummaryFormat.clock(elapsed), sent, sendSeconds,
                sendSeconds > 0 ? sent / sendSeconds : 0, tally.handled(), tally.scored(), tally.warmingUp(),
                tally.deadLetters(), tally.opened(), tally.resolved(), tally.open());
    }
}
