package dev.vigil.streamer.output;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The hand-written score and forecast writers must produce exactly the mapper's bytes: consumers parse both. */
class OutputJsonTest {

    private static final List<Double> ODD = List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-300, 123456789.125,
            -3.0, 0.1 + 0.2);

    @Test
    void scoresAreWrittenAsTheMapperWritesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            ScoreRecord score = random.nextInt(5) == 0
                    ? ScoreRecord.warmingUp(id(random), random.nextLong(), random.nextInt(100), 72, version(random))
                    : new ScoreRecord(id(random), random.nextLong(), ScoreRecord.SCORED, null, null,
                    values(random), values(random), values(random), values(random), values(random),
                    maybe(random), maybe(random), maybe(random), maybe(random),
                    random.nextBoolean() ? null : random.nextBoolean(),
                    random.nextBoolean() ? null : random.nextInt(12),
                    random.nextBoolean() ? null : random.nextInt(5), version(random));
            assertEquals(generic(score), text(OutputJson.write(score)), "score " + i);
        }
    }

    @Test
    void forecastsAreWrittenAsTheMapperWritesThem() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            List<String> targets = random.nextBoolean() ? List.of("value") : List.of("cpu", "mem \"rss\"", "io");
            int horizon = random.nextInt(13);
            double[] path = new double[horizon * targets.size()];
            for (int k = 0; k < path.length; k++) {
                path[k] = random.nextInt(10) == 0 ? ODD.get(random.nextInt(ODD.size())) : random.nextGaussian() * 1e3;
            }
            ForecastRecord forecast = new ForecastRecord(random.nextInt(20) == 0 ? null : id(random),
                    random.nextLong(), 1 + random.nextInt(60_000), targets, path, version(random));
            assertEquals(generic(forecast), text(OutputJson.write(forecast)), "forecast " + i);
        }
    }

    @Test
    void aForecastReadsAsItsStepsOnTheTopic() {
        ForecastRecord forecast = new ForecastRecord("web-1", 60_000, 60_000, List.of("cpu", "mem"),
                new double[] {1.5, 2.5, 3.5, 4.5}, "sha256:abc");
        assertEquals("{\"series\":\"web-1\",\"origin\":60000,\"steps\":[{\"ts\":120000,\"values\":{\"cpu\":1.5,"
                + "\"mem\":2.5}},{\"ts\":180000,\"values\":{\"cpu\":3.5,\"mem\":4.5}}],\"modelVersion\":\"sha256:abc\"}",
                text(OutputJson.write(forecast)), "the documented forecast layout (docs/outputs.md)");
    }

    @Test
    void whatTheModelComputedIsWrittenWithAFloatsDigitsAndTheInputAsItCame() {
        double noisy = 0.1 + 0.2; // 0.30000000000000004 as a double, 0.3 as a float
        ScoreRecord score = new ScoreRecord("web-1", 5, ScoreRecord.SCORED, null, null, Map.of("value", noisy),
                Map.of("value", noisy), Map.of("value", 1e300), Map.of("value", 1e-300), Map.of("value", -0.0),
                noisy, Double.NaN, 123456789.125, 2.5, true, 1, null, "v1");
        assertEquals("{\"series\":\"web-1\",\"ts\":5,\"status\":\"scored\",\"actual\":{\"value\":0.30000000000000004},"
                + "\"expected\":{\"value\":0.3},\"error\":{\"value\":1.0E300},\"lower\":{\"value\":1.0E-300},"
                + "\"upper\":{\"value\":-0.0},\"scaledError\":0.3,\"smoothedError\":\"NaN\",\"score\":1.2345679E8,"
                + "\"threshold\":2.5,\"anomaly\":true,\"horizonStep\":1,\"modelVersion\":\"v1\"}",
                text(OutputJson.write(score)),
                "actual as the input gave it; the model's numbers with a float's digits, beyond its range as doubles");
        assertEquals(generic(score), text(OutputJson.write(score)), "the mapper writes the same");
        ForecastRecord forecast = new ForecastRecord("web-1", 0, 60_000, List.of("value"),
                new double[] {noisy, 4e38}, "v1");
        assertEquals("{\"series\":\"web-1\",\"origin\":0,\"steps\":[{\"ts\":60000,\"values\":{\"value\":0.3}},"
                + "{\"ts\":120000,\"values\":{\"value\":4.0E38}}],\"modelVersion\":\"v1\"}",
                text(OutputJson.write(forecast)),
                "a float's digits; 4e38 is beyond a float's range and stays a double");
        assertEquals(generic(forecast), text(OutputJson.write(forecast)), "the mapper writes the same forecast");
    }

    @Test
    void aRecordThatFailsHalfWayDoesNotSpoilTheNextOne() {
        Map<String, Double> unnamed = new java.util.HashMap<>();
        unnamed.put(null, 1.0);
        ScoreRecord broken = new ScoreRecord("web-1", 5, ScoreRecord.SCORED, null, null, Map.of("value", 1.0),
                unnamed, null, null, null, 0.5, 0.5, 0.5, 1.0, false, 1, null, "v1");
        assertThrows(RuntimeException.class, () -> OutputJson.write(broken), "a target without a name");
        ScoreRecord next = ScoreRecord.warmingUp("web-2", 5, 1, 72, "v1");
        assertEquals(generic(next), text(OutputJson.write(next)), "the record after the failure is whole");
    }

    private static String generic(Object record) {
        return text(OutputJson.write(record));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static String id(Random random) {
        String[] ids = {"web-1", "db \"primary\"", "h\u00e9te/\u65e5\u672c", "tab\tand\nnewline", "back\\slash", "",
            "ctl\u0001\u001f\b\f\r/", "emoji\uD83D\uDE00\u00e9"};
        return ids[random.nextInt(ids.length)] + random.nextInt(1000);
    }

    private static String version(Random random) {
        return random.nextInt(10) == 0 ? null : "sha256:" + Integer.toHexString(random.nextInt());
    }

    private static Double maybe(Random random) {
        int pick = random.nextInt(10);
        return pick == 0 ? null : pick == 1 ? ODD.get(random.nextInt(ODD.size())) : random.nextGaussian() * 1e3;
    }

    private static Map<String, Double> values(Random random) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        int targets = 1 + random.nextInt(3);
        for (int t = 0; t < targets; t++) {
            values.put(t == 0 ? "value" : "f\"" + t, maybe(random));
        }
        return values;
    }
}
