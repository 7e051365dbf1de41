package dev.vigil.streamer.output;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            List<ForecastRecord.Step> steps = new ArrayList<>();
            for (int h = 0; h < random.nextInt(13); h++) {
                steps.add(new ForecastRecord.Step(random.nextLong(), values(random)));
            }
            ForecastRecord forecast = new ForecastRecord(random.nextInt(20) == 0 ? null : id(random),
                    random.nextLong(), steps, version(random));
            assertEquals(generic(forecast), text(OutputJson.write(forecast)), "forecast " + i);
        }
    }

    private static String generic(Object record) {
        return text(OutputJson.write(record));
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static String id(Random random) {
        String[] ids = {"web-1", "db \"primary\"", "h\u00e9te/\u65e5\u672c", "tab\tand\nnewline", "back\\slash", ""};
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
