package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Serialises output records as compact JSON. Scores and forecasts, one of each per input point, are written field by
 * field: the same bytes as the mapper's, without its reflective bean and map serialisers, which cost a tenth of a
 * record's CPU.
 */
public final class OutputJson {

    /** Every score carries a dozen doubles: the JDK's double-to-text is the costliest part of writing one. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();
    /** One reusable generator per stream thread: creating one per record was a fifth of writing it. */
    private static final ThreadLocal<PointRecordWriter> WRITERS = ThreadLocal.withInitial(PointRecordWriter::new);

    private OutputJson() {
    }

    public static byte[] write(Object record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise " + record.getClass().getSimpleName(), e);
        }
    }

    /** A score record; fields in declaration order, null ones left out, as {@link ScoreRecord} declares. */
    public static byte[] write(ScoreRecord r) {
        PointRecordWriter writer = WRITERS.get();
        try {
            return writer.score(r);
        } catch (IOException | RuntimeException e) {
            WRITERS.remove(); // its generator may be left mid-record
            throw new IllegalStateException("could not serialise a score of series " + r.series(), e);
        }
    }

    /** A forecast record, as the mapper would write its {@link ForecastRecord#steps()}, straight from the path. */
    public static byte[] write(ForecastRecord r) {
        PointRecordWriter writer = WRITERS.get();
        try {
            return writer.forecast(r);
        } catch (IOException | RuntimeException e) {
            WRITERS.remove();
            throw new IllegalStateException("could not serialise a forecast of series " + r.series(), e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
