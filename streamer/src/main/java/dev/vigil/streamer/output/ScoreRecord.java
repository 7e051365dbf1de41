package dev.vigil.streamer.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.Map;

/**
 * One record on the scores topic per input point (see docs/outputs.md). A point of a series still warming up has
 * {@code status = "warming_up"} with {@code samples}/{@code needed} and no score; every other field is then absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoreRecord(
        String series,
        long ts,
        String status,
        Integer samples,
        Integer needed,
        Map<String, Double> actual,
        @JsonSerialize(contentUsing = ModelPrecision.class) Map<String, Double> expected,
        @JsonSerialize(contentUsing = ModelPrecision.class) Map<String, Double> error,
        @JsonSerialize(contentUsing = ModelPrecision.class) Map<String, Double> lower,
        @JsonSerialize(contentUsing = ModelPrecision.class) Map<String, Double> upper,
        @JsonSerialize(using = ModelPrecision.class) Double scaledError,
        @JsonSerialize(using = ModelPrecision.class) Double smoothedError,
        @JsonSerialize(using = ModelPrecision.class) Double score,
        @JsonSerialize(using = ModelPrecision.class) Double threshold,
        Boolean anomaly,
        Integer horizonStep,
        Integer filledBefore,
        String modelVersion) {

    public static final String SCORED = "scored";
    public static final String WARMING_UP = "warming_up";

    public static ScoreRecord warmingUp(String series, long ts, int samples, int needed, String modelVersion) {
        return new ScoreRecord(series, ts, WARMING_UP, samples, needed, null, null, null, null, null, null, null,
                null, null, null, null, null, modelVersion);
    }
}
