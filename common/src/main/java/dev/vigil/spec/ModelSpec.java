package dev.vigil.spec;

import java.util.List;

/**
 * Everything the streamer must know to serve a model, travelling inside the ONNX file's metadata.
 *
 * <p>The ONNX graph takes {@code window [batch, windowSize, features.size()]} already scaled with
 * {@link #scaling()} and returns {@code forecast [batch, horizon, targets.size()]} in the same scaled units.
 *
 * @param formatVersion version of this spec's layout, so readers can refuse what they do not understand
 * @param features      input features in the order of the window's last axis
 * @param targets       the forecast features, a subset of {@code features}, in the order of the output's last axis
 * @param windowSize    W: steps of history the model reads
 * @param horizon       H: steps the model forecasts by output feedback
 * @param stepMillis    the step interval of the series, in milliseconds
 * @param scaling       how a window is scaled before inference and the forecast unscaled after
 * @param thresholds    anomaly thresholds calibrated on validation residuals
 * @param provenance    where the model came from
 */
public record ModelSpec(
        int formatVersion,
        List<String> features,
        List<String> targets,
        int windowSize,
        int horizon,
        long stepMillis,
        Scaling scaling,
        Thresholds thresholds,
        Provenance provenance) {

    /** The only spec layout this version of Vigil reads and writes. */
    public static final int FORMAT_VERSION = 1;

    /** Key of the metadata property that holds the spec as JSON. */
    public static final String METADATA_KEY = "vigil.spec";

    /** Name of the ONNX graph's input. */
    public static final String INPUT_NAME = "window";

    /** Name of the ONNX graph's output. */
    public static final String OUTPUT_NAME = "forecast";

    public ModelSpec {
        features = List.copyOf(features);
        targets = List.copyOf(targets);
    }

    /** Index of each target within {@link #features()}. */
    public int[] targetIndices() {
        int[] indices = new int[targets.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = features.indexOf(targets.get(i));
        }
        return indices;
    }

    /** Checks every field and cross-field rule; throws {@link InvalidModelSpecException} naming the first violation. */
    public ModelSpec validate() {
        ModelSpecValidator.validate(this);
        return this;
    }
}
