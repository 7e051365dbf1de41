package dev.vigil.trainer.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Reads a duration as ISO-8601 ({@code PT30S}) or as a whole number of milliseconds. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            Duration duration = value.chars().allMatch(Character::isDigit)
                    ? Duration.ofMillis(Long.parseLong(value))
                    : Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new TypeConversionException("found '" + value + "', expected a positive duration");
            }
            return duration;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new TypeConversionException("found '" + value
                    + "', expected an ISO-8601 duration such as PT1M or a number of milliseconds");
        }
    }
}
