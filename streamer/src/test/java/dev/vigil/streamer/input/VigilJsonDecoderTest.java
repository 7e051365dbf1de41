package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.streamer.input.InputExamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VigilJsonDecoderTest {

    final PointDecoder decoder = PointDecoders.of(InputFormat.VIGIL_JSON, DecoderOptions.defaults());

    @Test
    void theKeyIsTheSeriesAndTheValueOnePoint() {
        List<DecodedPoint> points = decoder.decode(utf8("host-1/cpu"),
                utf8("{\"ts\": \"2026-01-01T00:00:00Z\", \"value\": 0.5, \"labels\": {\"team\": \"web\"}}"));
        assertEquals(List.of(new DecodedPoint("host-1/cpu", InputExamples.TS, Map.of("value", 0.5),
                Map.of("team", "web"), Set.of())), points);
    }

    @Test
    void multivariateValuesAreFeaturesAndNothingIsACounter() {
        DecodedPoint point = decoder.decode(utf8("web-1"),
                utf8("{\"ts\": 1767225600000, \"values\": {\"cpu\": 0.5, \"rps\": 120}}")).get(0);
        assertEquals(Map.of("cpu", 0.5, "rps", 120.0), point.values());
        assertEquals(Set.of(), point.counters());
        assertEquals(Map.of(), point.labels());
        assertEquals(0, decoder.skipped().total());
    }

    @Test
    void aMissingOrEmptyKeyIsRefused() {
        byte[] value = utf8("{\"ts\": 1, \"value\": 1}");
        BadInputException none = assertThrows(BadInputException.class, () -> decoder.decode(null, value));
        assertEquals(List.of("key", "null", "the series id as the record key"),
                List.of(none.field(), none.value(), none.expected()));
        BadInputException empty = assertThrows(BadInputException.class, () -> decoder.decode(new byte[0], value));
        assertEquals(List.of("key", "empty"), List.of(empty.field(), empty.value()));
    }

    @Test
    void aBadValueIsRefusedAsTheVigilParserSays() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> decoder.decode(utf8("s"), utf8("{\"ts\": \"yesterday\", \"value\": 1}")));
        assertEquals(List.of("ts", "\"yesterday\""), List.of(e.field(), e.value()));
        BadInputException missing = assertThrows(BadInputException.class, () -> decoder.decode(utf8("s"), null));
        assertEquals(List.of("value", "null"), List.of(missing.field(), missing.value()));
        BadInputException nan = assertThrows(BadInputException.class,
                () -> decoder.decode(utf8("s"), utf8("{\"ts\": 1, \"value\": \"NaN\"}")));
        assertEquals(List.of("value", "\"NaN\"", "a finite JSON number"),
                List.of(nan.field(), nan.value(), nan.expected()));
    }
}
