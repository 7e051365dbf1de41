package dev.vigil.streamer.inference;

import dev.vigil.streamer.NamedChoice;

/** How a series' forecast is computed from its history. */
public enum InferenceMode implements NamedChoice {

    /** Stateful when the model carries LSTM state, window otherwise (models exported before stateful serving). */
    AUTO,

    /**
     * Keep each series' LSTM state in the store and advance it one step per record; the window stays the source of
     * truth and re-derives the state after a model change, a gap or restart of the series, and at a bounded interval.
     */
    STATEFUL,

    /** Re-run the whole W-step window for every forecast: exact, and W times the LSTM work of stateful. */
    WINDOW;

    /** Whether a model with {@code stateSize} floats of state (0: none) is served statefully in this mode. */
    public boolean stateful(int stateSize) {
        return this != WINDOW && stateSize > 0;
    }

    /**
     * Parses a configured name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values and the one found
     */
    public static InferenceMode parse(String value) {
        return NamedChoice.parse(InferenceMode.class, "inference mode", value);
    }
}
