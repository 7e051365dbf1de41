package dev.vigil.generator.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads a point in time: ISO-8601 ({@code 2026-01-01T00:00:00Z}), a UTC date ({@code 2026-01-01}) or epoch ms. */
final class StartConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        String text = value.trim();
        try {
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("found '" + value + "', expected an ISO-8601 time such as "
                    + "2026-01-01T00:00:00Z, a date such as 2026-01-01 (UTC), or epoch milliseconds");
        }
    }
}
