package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;
import dev.vigil.input.MetricPoint;
import dev.vigil.input.MetricPointParser;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Vigil's own format: the key is the series id, the value is read by {@link MetricPointParser}; one point. */
final class VigilJsonDecoder implements PointDecoder {

    @Override
    public List<DecodedPoint> decode(byte[] key, byte[] value) {
        if (key == null || key.length == 0) {
            throw new BadInputException("key", key == null ? "null" : "empty", "the series id as the record key");
        }
        MetricPoint point = MetricPointParser.parse(value);
        String series = new String(key, StandardCharsets.UTF_8);
        return List.of(new DecodedPoint(series, point.tsMillis(), point.values(), point.labels(), Set.of()));
    }
}
