package dev.vigil.demo.watch;

import dev.vigil.streamer.output.OutputJson;
import dev.vigil.streamer.output.ScoreRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fields the demo counts, read from score records as the streamer writes them. */
class ScoreFieldsTest {

    @Test
    void readsTimeStatusAndAnomalyFromRealScoreRecords() {
        ScoreFields fields = new ScoreFields();

        assertTrue(fields.read(OutputJson.write(ScoreRecord.warmingUp("cpu-000", 1000, 3, 48, "v1"))));
        assertEquals(1000, fields.ts);
        assertTrue(fields.warmingUp);
        assertFalse(fields.anomalous);

        ScoreRecord scored = new ScoreRecord("cpu-000", 2000, ScoreRecord.SCORED, null, null, Map.of("value", 1.0),
                Map.of("value", 0.5), Map.of("value", 0.5), Map.of("value", 0.1), Map.of("value", 0.9), 4.0, 3.0,
                0.7, 1.2, true, 1, null, "v1");
        assertTrue(fields.read(OutputJson.write(scored)));
        assertEquals(2000, fields.ts);
        assertFalse(fields.warmingUp);
        assertTrue(fields.anomalous);

        assertFalse(fields.read("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
