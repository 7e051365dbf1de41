package dev.vigil.generator;

import java.time.Duration;

/**
 * One series' clean shape. The value at a time is
 * {@code level + trendPerDay * days + dayAmplitude * bump(hour) * (1 - weekendDip * weekend(time))} plus Gaussian
 * noise of standard deviation {@code noise}, clamped to {@code [min, max]}. {@code bump} is 1 at {@code peakHour}
 * (UTC) and near 0 twelve hours away; {@code weekend} moves smoothly from 0 to 1 around Saturday 00:00 UTC and back
 * around Monday 00:00 UTC, so nights meet without a jump.
 *
 * @param level        the night-time value
 * @param dayAmplitude how far the daytime peak rises above the night
 * @param peakHour     hour of the daily peak, UTC
 * @param weekendDip   fraction of the daytime bump lost on weekends
 * @param trendPerDay  change of the level per day of event time
 * @param noise        standard deviation of the noise; anomaly sizes are multiples of it
 */
public record SeriesProfile(String id, Archetype archetype, double level, double dayAmplitude, double peakHour,
                            double weekendDip, double trendPerDay, double noise, double min, double max) {

    private static final double HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0. */
    private static final int EPOCH_WEEKDAY = 3;

    /** The value without noise or anomalies, {@code days} after the series' first point. */
    public double baseline(long ts, double days) {
        double hourOfDay = Math.floorMod(ts, DAY) / HOUR;
        double bump = Math.pow((1 + Math.cos(2 * Math.PI * (hourOfDay - peakHour) / 24)) / 2, 2);
        return level + trendPerDay * days + dayAmplitude * bump * (1 - weekendDip * weekend(ts));
    }

    /** 0 on weekdays, 1 from Saturday 03:00 to Sunday 21:00 UTC, smooth in between. */
    static double weekend(long ts) {
        int weekday = (int) Math.floorMod(Math.floorDiv(ts, DAY) + EPOCH_WEEKDAY, 7L);
        double hourOfWeek = weekday * 24 + Math.floorMod(ts, DAY) / HOUR;
        if (hourOfWeek < 3) {
            return 1 - smoothstep(hourOfWeek + 168, 165, 171);
        }
        return smoothstep(hourOfWeek, 117, 123) - smoothstep(hourOfWeek, 165, 171);
    }

    private static double smoothstep(double x, double from, double to) {
        double t = Math.min(1, Math.max(0, (x - from) / (to - from)));
        return t * t * (3 - 2 * t);
    }

    double clamp(double value) {
        return Math.min(max, Math.max(min, value));
    }
}
