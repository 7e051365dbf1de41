package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;


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
    /** One reusable writer and buffer per stream thread: creating a generator per record was a fifth of writing it. */
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
        return write(r, "score", r.series(), PointRecordWriter::score);
    }

    /** A forecast record, as the mapper would write its {@link ForecastRecord#steps()}, straight from the path. */
    public static byte[] write(ForecastRecord r) {
        return write(r, "forecast", r.series(), PointRecordWriter::forecast);
    }

    /** How the thread's writer writes one kind of record. */
    private interface Writing<R> {
        byte[] write(PointRecordWriter writer, R record);
    }

    private static <R> byte[] write(R record, String kind, String series, Writing<R> writing) {
        try {
            return writing.write(WRITERS.get(), record);
        } catch (RuntimeException e) {
            throw new IllegalStateException("could not serialise a " + kind + " of series " + series, e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
