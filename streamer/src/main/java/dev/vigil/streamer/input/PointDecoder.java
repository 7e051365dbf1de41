package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;

import java.util.List;

/**
 * Decodes the records of one input format into points. Implementations are pure functions of the record (apart
 * from counting what they skip) and safe to share between stream threads. Build them with {@link PointDecoders}.
 */
@FunctionalInterface
public interface PointDecoder {

    /**
     * Zero or more points from one record; throws BadInputException (field, value, expected) when the record cannot
     * be read at all.
     *
     * @param key   the record key, or null
     * @param value the record value, or null
     * @throws BadInputException naming the field, the value found and what was expected; never anything else for
     *                           bad input
     */
    List<DecodedPoint> decode(byte[] key, byte[] value);

    /** What this decoder has left out of well-formed records since it was built (strings, NaN, histograms...). */
    default SkippedValues skipped() {
        return SkippedValues.NONE;
    }
}
