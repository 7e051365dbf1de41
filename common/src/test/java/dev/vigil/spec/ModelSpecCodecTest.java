package dev.vigil.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spec's JSON form, as stored in ONNX metadata: a lossless round trip, and refusal of what is not a spec. */
class ModelSpecCodecTest {

    @Test
    void aFullSpecSurvivesTheJsonRoundTrip() {
        ModelSpec original = ModelSpecFixtures.valid();

        ModelSpec read = ModelSpecCodec.fromJson(ModelSpecCodec.toJson(original));

        assertEquals(original.formatVersion(), read.formatVersion(), "formatVersion");
        assertEquals(original.features(), read.features(), "features, in window order");
        assertEquals(original.targets(), read.targets(), "targets, in output order");
        assertEquals(original.windowSize(), read.windowSize(), "windowSize");
        assertEquals(original.horizon(), read.horizon(), "horizon");
        assertEquals(original.stepMillis(), read.stepMillis(), "stepMillis");
        assertEquals(original.scaling(), read.scaling(), "scaling scheme and floors");
        assertEquals(original.thresholds().quantiles(), read.thresholds().quantiles(), "threshold quantiles");
        assertEquals(original.thresholds().samples(), read.thresholds().samples(), "threshold sample count");
        assertArrayEquals(original.thresholds().absError(), read.thresholds().absError(),
                "thresholds [q][H][T] must come back cell for cell");
        assertEquals(original.provenance(), read.provenance(),
                "provenance: data, hyperparameters, epochs and test metrics must all come back");
    }

    @Test
    void aFixedScalingSurvivesTheRoundTripAndAWindowScalingWritesNoStatistics() {
        Scaling fixed = new Scaling(Scaling.FIXED_STANDARD, 1e-6, 1e-3, List.of(0.25, -1.5, 3.0),
                List.of(0.5, 2.0, 0.125));
        String fixedJson = ModelSpecCodec.toJson(ModelSpecFixtures.builder().scaling(fixed).build());
        String windowJson = ModelSpecCodec.toJson(ModelSpecFixtures.valid());

        assertEquals(fixed, ModelSpecCodec.fromJson(fixedJson).scaling(), "fixed scheme, floors, mean and scale");
        assertFalse(windowJson.contains("\"mean\""),
                "a per-window scheme has no fitted statistics, so older readers see the JSON they know");
    }

    @Test
    void provenanceDetailsComeBackFieldByField() {
        Provenance read = ModelSpecCodec.fromJson(ModelSpecCodec.toJson(ModelSpecFixtures.valid())).provenance();

        assertEquals(42L, read.hyperparameters().seed(), "the seed is what makes a training run repeatable");
        assertEquals(0.001, read.hyperparameters().learningRate(), "learning rate");
        assertEquals("kafka:metrics", read.data().source(), "training data source");
        assertEquals(1_767_225_600_000L, read.data().firstTsMillis(), "training data start");
        assertEquals(24, read.testMetrics().seasonalPeriod(), "seasonal period of the baseline");
        assertEquals(3, read.testMetrics().model().size(), "one model metric per horizon step");
        assertEquals(0.31, read.testMetrics().model().get(2).mae(), "MAE at step 3");
    }

    @Test
    void writingTheReadSpecGivesTheSameJson() {
        String json = ModelSpecCodec.toJson(ModelSpecFixtures.valid());

        assertEquals(json, ModelSpecCodec.toJson(ModelSpecCodec.fromJson(json)),
                "the JSON form must be stable, so a re-exported model carries identical metadata");
    }

    @Test
    void thresholdsAreReadableByQuantileStepAndTarget() {
        Thresholds read = ModelSpecCodec.fromJson(ModelSpecCodec.toJson(ModelSpecFixtures.valid())).thresholds();

        assertEquals(3.21, read.at(2, 2, 1), 1e-12, "absError[q=2][h=2][t=1] after the round trip");
        assertEquals(1.0, read.at(0, 0, 0), 1e-12, "absError[q=0][h=0][t=0] after the round trip");
    }

    @Test
    void unknownPropertiesAreIgnoredSoNewerTrainersStayReadable() {
        String json = ModelSpecCodec.toJson(ModelSpecFixtures.valid())
                .replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},");

        ModelSpec read = ModelSpecCodec.fromJson(json);

        assertEquals(ModelSpecFixtures.FEATURES, read.features(), "an unknown top-level field must be skipped");
    }

    @Test
    void fromJsonValidates() {
        String json = ModelSpecCodec.toJson(ModelSpecFixtures.builder().windowSize(1).build());

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> ModelSpecCodec.fromJson(json), "a well-formed JSON spec that breaks a rule");
        assertTrue(e.getMessage().contains("'windowSize': found 1, expected at least 2"),
                "fromJson must apply validate(); message was: " + e.getMessage());
    }

    @Test
    void aSpecWithoutProvenanceIsRefused() {
        String json = ModelSpecCodec.toJson(ModelSpecFixtures.builder().provenance(null).build());

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> ModelSpecCodec.fromJson(json), "JSON with \"provenance\": null");
        assertTrue(e.getMessage().contains("'provenance': found null, expected the model's provenance"),
                "message was: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"formatVersion\": 1,", "[1, 2, 3]", "{\"formatVersion\": \"one\"}",
            "{\"formatVersion\": null}", "{\"formatVersion\": 1, \"features\": null}"})
    void malformedJsonIsAnInvalidSpecThatSaysJson(String json) {
        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> ModelSpecCodec.fromJson(json), "fromJson(" + json + ")");
        assertTrue(e.getMessage().contains("not valid JSON"),
                "the message must say the JSON is the problem; was: " + e.getMessage());
        assertInstanceOf(JsonProcessingException.class, e.getCause(),
                "the parser's exception must be kept as the cause");
    }

    @Test
    void aMissingFieldIsNamed() {
        String json = ModelSpecCodec.toJson(ModelSpecFixtures.valid()).replaceFirst("\"horizon\" : 3,", "");

        InvalidModelSpecException e = assertThrows(InvalidModelSpecException.class,
                () -> ModelSpecCodec.fromJson(json), "a spec without \"horizon\"");
        assertTrue(e.getMessage().contains("horizon"), "the message must name the missing field; was: "
                + e.getMessage());
    }

    @Test
    void targetIndicesMapEachTargetToItsFeaturePosition() {
        ModelSpec spec = ModelSpecFixtures.valid();

        assertArrayEquals(new int[] {2, 0}, spec.targetIndices(),
                "targets [latency, cpu] within features [cpu, mem, latency]");
    }

    @Test
    void targetIndicesOfAUnivariateSpecIsZero() {
        ModelSpec spec = ModelSpecFixtures.builder().features(List.of("value"))
                .targets(List.of("value"))
                .thresholds(ModelSpecFixtures.QUANTILES, ModelSpecFixtures.absError(3, 3, 1)).build().validate();

        assertArrayEquals(new int[] {0}, spec.targetIndices(), "the single feature is the single target");
    }
}
