package dev.vigil.generator.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a positive duration: ISO-8601 ({@code P2D}, {@code PT90S}), a number with a unit ({@code 2d}, {@code 12h},
 * {@code 90m}, {@code 30s}, {@code 500ms}) or a whole number of milliseconds.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        try {
            Matcher m = WITH_UNIT.matcher(text);
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
                duration = Duration.ofMillis(Long.parseLong(text));
            } else if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                duration = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                duration = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new TypeConversionException("found '" + value + "', expected a duration such as 2d, 12h, 90m, 30s, "
                    + "an ISO-8601 duration such as P2D, or a number of milliseconds");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("found '" + value + "', expected a positive duration");
        }
        return duration;
    }
}
