package dev.vigil.streamer.input;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InputFormatTest {

    @Test
    void idsAreTheConfiguredNames() {
        assertEquals(List.of("vigil-json", "telegraf-json", "influx-line", "prometheus-json", "otlp-json"),
                Arrays.stream(InputFormat.values()).map(InputFormat::id).toList());
    }

    @Test
    void parseIgnoresCaseAndBlanks() {
        assertEquals(InputFormat.OTLP_JSON, InputFormat.parse(" OTLP-json "));
        for (InputFormat format : InputFormat.values()) {
            assertEquals(format, InputFormat.parse(format.id()));
        }
    }

    @Test
    void anUnknownFormatIsRefusedListingTheIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputFormat.parse("influx"));
        assertEquals("input format: expected one of [vigil-json, telegraf-json, influx-line, prometheus-json,"
                + " otlp-json], found 'influx'", e.getMessage());
        assertEquals("input format: expected one of [vigil-json, telegraf-json, influx-line, prometheus-json,"
                + " otlp-json], found null", assertThrows(IllegalArgumentException.class,
                () -> InputFormat.parse(null)).getMessage());
    }

    @Test
    void featureGroupingParsesItsIds() {
        assertEquals(FeatureGrouping.FIELD, FeatureGrouping.parse("field"));
        assertEquals(FeatureGrouping.MEASUREMENT, FeatureGrouping.parse("Measurement"));
        assertEquals("feature grouping: expected one of [field, measurement], found 'fields'",
                assertThrows(IllegalArgumentException.class, () -> FeatureGrouping.parse("fields")).getMessage());
    }

    @Test
    void everyFormatHasADecoderThatHasSkippedNothingYet() {
        for (InputFormat format : InputFormat.values()) {
            PointDecoder decoder = PointDecoders.of(format, DecoderOptions.defaults());
            assertEquals(0, decoder.skipped().total(), format.id());
        }
        DecoderOptions defaults = DecoderOptions.defaults();
        assertEquals(FeatureGrouping.FIELD, defaults.grouping());
        assertFalse(defaults.keepHistograms());
    }
}
