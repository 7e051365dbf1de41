package dev.vigil.streamer.metrics;

import java.util.Set;
import java.util.TreeSet;

/** Reads samples out of a Prometheus text-format scrape. */
final class PrometheusText {

    private PrometheusText() {
    }

    /** The value of the sample written exactly as {@code sample} (name plus labels, if any), or NaN when absent. */
    static double value(String scrape, String sample) {
        String prefix = sample + " ";
        return scrape.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(prefix.length()).trim().split(" ")[0]))
                .orElse(Double.NaN);
    }

    /** The distinct sample names (without labels) that start with {@code prefix}. */
    static Set<String> names(String scrape, String prefix) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> line.startsWith(prefix)).forEach(line -> {
            int end = line.indexOf('{');
            names.add(end < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, end));
        });
        return names;
    }
}
