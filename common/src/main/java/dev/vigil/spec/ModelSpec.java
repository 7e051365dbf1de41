package dev.vigil.spec;

import java.util.List;

/**
 * Everything the streamer must know to serve a model, travelling inside the ONNX file's metadata.
 *
 * <p>The ONNX graph takes {@code window [batch, windowSize, features.size()]} already scaled with
 * {@link #scaling()} and returns {@code forecast [batch, horizon, targets.size()]} in the same scaled units.
 * A graph made for stateful serving also carries the LSTM state in and out ({@link #STATE_INPUT_NAME},
 * {@link #STATE_OUTPUT_NAME}; see {@link StateShape}).
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

    /**
     * Name of the optional graph input {@code state_in [batch, 2 * layers, hidden]}: the LSTM state to start from,
     * each layer's hidden state (rows 0 to layers - 1) then each layer's cell state. Zeros reproduce window mode.
     * A graph with it takes any number of {@code window} steps, so stateful serving can feed one step at a time.
     */
    public static final String STATE_INPUT_NAME = "state_in";

    /**
     * Name of the graph output {@code state [batch, 2 * layers, hidden]} that goes with {@link #STATE_INPUT_NAME}:
     * the LSTM state after the window's last step, before the horizon feedback, in the same layout.
     */
    public static final String STATE_OUTPUT_NAME = "state";

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
