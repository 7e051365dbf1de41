package dev.vigil.input;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the timestamps Vigil accepts: epoch milliseconds or ISO-8601 (a local date-time is read as UTC). */
public final class Timestamps {

    /** What a timestamp must look like, for error messages. */
    public static final String EXPECTED = "epoch milliseconds or an ISO-8601 date-time such as 2026-01-31T12:00:00Z";

    private Timestamps() {
    }

    /**
     * Parses an ISO-8601 date-time with or without offset; returns null when the text is not one, or names an instant
     * before 1970 or beyond what epoch milliseconds can hold (Vigil's timestamps are non-negative epoch ms).
     */
    public static Long parseIso(String text) {
        Instant instant = parseInstant(text.trim());
        if (instant == null || instant.isBefore(Instant.EPOCH)) {
            return null;
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException tooFar) {
            return null;
        }
    }

    private static Instant parseInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException ignored) {
            // not an instant with 'Z'; try the other ISO forms
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset; try a local date-time
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Epoch milliseconds as a whole, non-negative number; returns null when the text is not one. */
    public static Long parseEpochMillis(String text) {
        try {
            long value = Long.parseLong(text.trim());
            return value >= 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
