package dev.vigil.generator.output;

import dev.vigil.generator.Label;

import java.nio.charset.StandardCharsets;

/**
 * The record values the generator writes: a point in Vigil's input format, {@code {"ts":<epoch ms>,"value":<v>}},
 * and a label, {@code {"series":"cpu-000","start":<epoch ms>,"end":<epoch ms>,"kind":"spike"}}. Series ids are
 * made of letters, digits and '-', so no escaping is needed.
 */
public final class PointJson {

    private PointJson() {
    }

    public static byte[] point(long ts, double value) {
        return ("{\"ts\":" + ts + ",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] label(Label label) {
        return ("{\"series\":\"" + label.series() + "\",\"start\":" + label.start() + ",\"end\":" + label.end()
                + ",\"kind\":\"" + label.kind().id() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
