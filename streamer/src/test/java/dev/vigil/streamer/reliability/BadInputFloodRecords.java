package dev.vigil.streamer.reliability;

import dev.vigil.streamer.output.DeadLetters.Reason;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.SyntheticHistory;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The input of {@link BadInputFloodIT}: good series in event-time order, series of huge but finite values, and a
 * flood of bad records of every kind spread evenly between them. Each bad record says which dead-letter reason it
 * must get. The same seed gives the same records.
 */
final class BadInputFloodRecords {

    static final String GOOD_PREFIX = "good-";
    static final String HUGE_PREFIX = "huge-";
    /** Every this many bad records one is an oversize payload. */
    static final int OVERSIZE_EVERY = 1000;
    /** Oversize payloads stay under the 1 MiB default of the broker's and the producer's maximum message size. */
    static final int OVERSIZE_BYTES = 500 * 1024;

    /** What was sent, and what the streamer must do with it. */
    enum Kind {
        BROKEN_JSON(Reason.INVALID_RECORD, 14),
        WRONG_TYPE(Reason.INVALID_RECORD, 18),
        NON_FINITE(Reason.INVALID_RECORD, 10),
        MISSING_KEY(Reason.MISSING_KEY, 8),
        UNKNOWN_FEATURE(Reason.FEATURE_MISMATCH, 10),
        LATE(Reason.LATE_TIMESTAMP, 14),
        FUTURE(Reason.FUTURE_TIMESTAMP, 10),
        DUPLICATE(Reason.DUPLICATE_TIMESTAMP, 16),
        OVERSIZE(Reason.INVALID_RECORD, 0);

        final Reason reason;
        final int weight;

        Kind(Reason reason, int weight) {
            this.reason = reason;
            this.weight = weight;
        }
    }

    /** One record to send; {@code kind} is null for a valid point, which must be scored. */
    record Sent(ProducerRecord<String, String> record, Kind kind, String series, long ts) {
    }

    private final String topic;
    private final int goodSeries;
    private final int steps;
    private final int hugeSeries;
    private final long stepMillis;
    private final long t0;
    private final long now;
    private final SplittableRandom random;
    private final long[] latest;
    private final Map<Kind, Integer> badByKind = new EnumMap<>(Kind.class);

    BadInputFloodRecords(String topic, int goodSeries, int steps, int hugeSeries, long stepMillis, long now,
                         long seed) {
        this.topic = topic;
        this.goodSeries = goodSeries;
        this.steps = steps;
        this.hugeSeries = hugeSeries;
        this.stepMillis = stepMillis;
        this.now = now;
        // the last step an hour behind the wall clock: every valid point is in the past, none is "future"
        this.t0 = (now / stepMillis - steps - 60) * stepMillis;
        this.random = new SplittableRandom(seed);
        this.latest = new long[goodSeries];
    }

    /** The valid points, step by step, with {@code bad} bad records spread evenly between them. */
    List<Sent> generate(int bad) {
        History history = SyntheticHistory.of(goodSeries, steps, 7).generate();
        int valid = steps * (goodSeries + hugeSeries);
        List<Sent> out = new ArrayList<>(valid + bad);
        int emitted = 0;
        int badSent = 0;
        for (int t = 0; t < steps; t++) {
            long ts = t0 + t * stepMillis;
            for (int s = 0; s < goodSeries + hugeSeries; s++) {
                String series;
                double value;
                if (s < goodSeries) {
                    series = GOOD_PREFIX + s;
                    value = history.series().get(s).value(t, 0);
                    latest[s] = ts;
                } else {
                    series = HUGE_PREFIX + (s - goodSeries);
                    value = huge(s - goodSeries, t);
                }
                out.add(new Sent(new ProducerRecord<>(topic, series, point(ts, Double.toString(value))), null,
                        series, ts));
                emitted++;
                for (long due = (long) bad * emitted / valid; badSent < due; badSent++) {
                    Kind kind = (badSent + 1) % OVERSIZE_EVERY == 0 ? Kind.OVERSIZE : pickKind();
                    badByKind.merge(kind, 1, Integer::sum);
                    out.add(badRecord(kind));
                }
            }
        }
        return out;
    }

    Map<Kind, Integer> badByKind() {
        return badByKind;
    }

    long t0() {
        return t0;
    }

    /** Finite values at the edge of the double range: valid input that must be scored, never crash the app. */
    private static double huge(int series, int t) {
        return switch (series % 4) {
            case 0 -> t % 2 == 0 ? 1e308 : -1e308;
            case 1 -> t % 10 == 9 ? 1e308 : 100 + Math.sin(t / 4.0);
            case 2 -> t % 5 == 4 ? -Double.MAX_VALUE : Double.MAX_VALUE;
            default -> t % 2 == 0 ? Double.MIN_VALUE : 1e-300;
        };
    }

    private Kind pickKind() {
        int r = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            r -= kind.weight;
            if (r < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights must add up to 100");
    }

    private Sent badRecord(Kind kind) {
        // a series that has at least one point (late and duplicate timestamps need one): before the first step is
        // complete, the nearest one below a random pick
        int s = random.nextInt(goodSeries);
        while (latest[s] == 0) {
            s = (s + goodSeries - 1) % goodSeries;
        }
        String key = GOOD_PREFIX + s;
        long last = latest[s];
        long next = last + stepMillis;
        String value = switch (kind) {
            case BROKEN_JSON -> pick("{\"ts\": " + next + ", \"value\": ", "not json at all",
                    "{\"ts\": " + next + ", \"value\": 1}}",
                    "{\"ts\": " + next + ", \"ts\": " + next + ", \"value\": 1}",
                    "{'ts': " + next + ", 'value': 1}", "", null, "\u0000\u0001\uFFFD garbage \u0007",
                    "[1, 2, 3]", "\"a string\"", "42", "{\"ts\": " + next + ", \"value\": 1");
            case WRONG_TYPE -> pick(point(next, "\"12.5\""), point(next, "true"), point(next, "[1, 2]"),
                    point(next, "{\"v\": 1}"), point(next, "null"), "{\"ts\": {\"s\": 1}, \"value\": 1}",
                    "{\"ts\": true, \"value\": 1}", "{\"ts\": 1.5e12, \"value\": 1}", "{\"ts\": -5, \"value\": 1}",
                    "{\"ts\": \"yesterday\", \"value\": 1}", "{\"ts\": 99999999999999999999, \"value\": 1}",
                    "{\"value\": 1}", "{\"ts\": " + next + "}",
                    "{\"ts\": " + next + ", \"value\": 1, \"labels\": \"host\"}",
                    "{\"ts\": " + next + ", \"value\": 1, \"labels\": {\"host\": {\"a\": 1}}}",
                    "{\"ts\": " + next + ", \"values\": [1]}", "{\"ts\": " + next + ", \"values\": {}}",
                    "{\"ts\": " + next + ", \"value\": 1, \"values\": {\"value\": 1}}");
            case NON_FINITE -> point(next, pick("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"",
                    "\"-Infinity\"", "1e309", "-1e309"));
            case MISSING_KEY -> point(next, "1.0");
            case UNKNOWN_FEATURE -> "{\"ts\": " + next + ", \"values\": " + pick("{\"value\": 1, \"cpu\": 2}",
                    "{\"cpu\": 2}", "{\"Value\": 1}", "{\"value\": 1, \"value2\": 3, \"flag\": 0}") + "}";
            case LATE -> pick(point(last - stepMillis * (1 + random.nextInt(5)), "1"),
                    point(last - stepMillis / 2 - 1_000, "1"), point(0, "1"),
                    "{\"ts\": \"" + Instant.ofEpochMilli(last - 30 * 86_400_000L) + "\", \"value\": 1}");
            case FUTURE -> pick(point(now + 2 * 86_400_000L + random.nextLong(86_400_000L), "1"),
                    point(now + 365 * 86_400_000L, "1"), point(9_000_000_000_000_000_000L, "1"),
                    "{\"ts\": \"" + Instant.ofEpochMilli(now + 3 * 86_400_000L) + "\", \"value\": 1}",
                    "{\"ts\": \"2999-12-31T23:59:59Z\", \"value\": 1}");
            case DUPLICATE -> pick(point(last, "2"), point(last + stepMillis / 6, "2"),
                    point(last - stepMillis / 2 + 1_000, "2"),
                    "{\"ts\": \"" + Instant.ofEpochMilli(last) + "\", \"value\": 2}");
            case OVERSIZE -> oversize(next);
        };
        if (kind == Kind.MISSING_KEY) {
            key = random.nextBoolean() ? null : "";
        }
        return new Sent(new ProducerRecord<>(topic, key, value), kind, key, last);
    }

    private String oversize(long ts) {
        return switch (random.nextInt(4)) {
            case 0 -> junk(OVERSIZE_BYTES);
            case 1 -> "[".repeat(OVERSIZE_BYTES);
            case 2 -> "{\"ts\": " + ts + ", \"value\": 1" + "0".repeat(OVERSIZE_BYTES) + "}";
            default -> point(ts, "\"" + junk(OVERSIZE_BYTES) + "\"");
        };
    }

    private String junk(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String point(long ts, String value) {
        return String.format(Locale.ROOT, "{\"ts\": %d, \"value\": %s}", ts, value);
    }
}
