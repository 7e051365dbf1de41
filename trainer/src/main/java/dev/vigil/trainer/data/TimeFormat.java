package dev.vigil.trainer.data;

import dev.vigil.input.Timestamps;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How the time column of a CSV file is written.
 *
 * <p>{@link #AUTO} decides per file from the first data row: a value that is not a number is ISO-8601; a whole
 * number below {@value #INDEX_LIMIT} (about 1973-03-03 as epoch milliseconds) is a step index, a larger one is epoch
 * milliseconds. Every later row of the file must then be in the same format.
 */
public enum TimeFormat {
    /** Decided from the first value of each file, see the class comment. */
    AUTO,
    /** Whole, non-negative epoch milliseconds. */
    EPOCH_MS,
    /** ISO-8601: an instant ({@code 2026-01-31T12:00:00Z}), with an offset, a local date-time or a date (UTC). */
    ISO,
    /** A whole, non-negative step number; the timestamp is {@code index * stepMillis}. */
    INDEX;

    /** Whole numbers below this are step indexes in {@link #AUTO} mode. */
    public static final long INDEX_LIMIT = 100_000_000_000L;

    /** The concrete format of a file whose first time value is {@code first}; this one unless it is AUTO. */
    TimeFormat resolve(String first) {
        if (this != AUTO) {
            return this;
        }
        Double number = parseNumber(first);
        if (number == null) {
            return ISO;
        }
        return Math.abs(number) < INDEX_LIMIT ? INDEX : EPOCH_MS;
    }

    /**
     * Parses one time value of a resolved format: epoch milliseconds for EPOCH_MS and ISO, the step index for
     * INDEX. Returns null when the text is not in this format.
     */
    Long parse(String text) {
        return switch (this) {
            case EPOCH_MS, INDEX -> Timestamps.parseEpochMillis(text);
            case ISO -> parseIso(text);
            case AUTO -> throw new IllegalStateException("resolve AUTO before parsing");
        };
    }

    /** What a value of this format looks like, for error messages. */
    String expected() {
        return switch (this) {
            case EPOCH_MS -> "whole, non-negative epoch milliseconds";
            case ISO -> "an ISO-8601 date-time such as 2026-01-31T12:00:00Z";
            case INDEX -> "a whole, non-negative step index";
            case AUTO -> Timestamps.EXPECTED + ", or a step index";
        };
    }

    private static Long parseIso(String text) {
        Long parsed = Timestamps.parseIso(text);
        if (parsed != null) {
            return parsed;
        }
        try {
            return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Double parseNumber(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
