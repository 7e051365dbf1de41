package dev.vigil.streamer.input;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the values a decoder leaves out of records it can read, by reason. Skipping is not an error: the rest of
 * the record is decoded. Thread-safe; only decoders of this package count, everyone may read.
 */
public final class SkippedValues {

    /** Why a value was left out. */
    public enum Reason {
        /** A Telegraf or line-protocol field holding a string. */
        NON_NUMERIC,
        /** A Prometheus or OTLP sample that is NaN or infinite (e.g. Prometheus' staleness markers). */
        NON_FINITE,
        /** An OTLP data point flagged as having no recorded value. */
        NO_VALUE,
        /** A histogram or summary series or data point, while histograms are not kept. */
        HISTOGRAM
    }

    /** Never counts anything; what a decoder that skips nothing reports. */
    static final SkippedValues NONE = new SkippedValues();

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    SkippedValues() {
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void add(Reason reason) {
        counts.get(reason).increment();
    }

    /** Values skipped for {@code reason} so far. */
    public long count(Reason reason) {
        return counts.get(reason).sum();
    }

    /** Values skipped for any reason so far. */
    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("skipped{");
        counts.forEach((reason, count) -> text.append(reason).append('=').append(count.sum()).append(' '));
        return text.toString().trim() + "}";
    }
}
