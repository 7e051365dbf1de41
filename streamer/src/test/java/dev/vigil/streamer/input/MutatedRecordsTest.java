package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random edits of the example records: every decoder either gives points with finite values and
 * non-negative times or refuses the record with a {@link BadInputException}, never anything else.
 */
class MutatedRecordsTest {

    static final long SEED = 42;
    static final int EDITS_PER_EXAMPLE = 3_000;
    static final String CHARACTERS = " ,=\\\"{}[]:0123456789.-+eEiutfTF\n#NaI";

    record Example(InputFormat format, String file) {
    }

    static final List<Example> EXAMPLES = List.of(new Example(InputFormat.TELEGRAF_JSON, "telegraf.json"),
            new Example(InputFormat.TELEGRAF_JSON, "telegraf-batch.json"),
            new Example(InputFormat.INFLUX_LINE, "influx-line.txt"),
            new Example(InputFormat.PROMETHEUS_JSON, "prometheus-adapter.json"),
            new Example(InputFormat.OTLP_JSON, "otlp-metrics.json"));

    @Test
    void editedRecordsDecodeOrAreRefusedAsBadInput() {
        Random random = new Random(SEED);
        DecoderOptions kept = new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.MEASUREMENT, true);
        int refused = 0;
        for (Example example : EXAMPLES) {
            String original = new String(InputExamples.bytes(example.file()), StandardCharsets.UTF_8);
            for (DecoderOptions options : List.of(DecoderOptions.defaults(), kept)) {
                PointDecoder decoder = PointDecoders.of(example.format(), options);
                for (int i = 0; i < EDITS_PER_EXAMPLE; i++) {
                    String edited = edit(original, random);
                    try {
                        for (DecodedPoint point : decoder.decode(null, edited.getBytes(StandardCharsets.UTF_8))) {
                            assertTrue(point.tsMillis() >= 0, () -> "negative time from " + edited);
                            assertTrue(point.values().values().stream().allMatch(Double::isFinite),
                                    () -> "non-finite value from " + edited);
                        }
                    } catch (BadInputException expected) {
                        refused++;
                    } catch (RuntimeException e) {
                        fail(example.file() + " edited to " + edited + " threw " + e, e);
                    }
                }
            }
        }
        assertTrue(refused > 0, "some edits break the records");
    }

    /** One to three characters deleted, inserted or replaced. */
    static String edit(String text, Random random) {
        StringBuilder edited = new StringBuilder(text);
        for (int n = 1 + random.nextInt(3); n > 0 && edited.length() > 0; n--) {
            int at = random.nextInt(edited.length());
            char c = CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
            switch (random.nextInt(3)) {
                case 0 -> edited.deleteCharAt(at);
                case 1 -> edited.insert(at, c);
                default -> edited.setCharAt(at, c);
            }
        }
        return edited.toString();
    }
}
