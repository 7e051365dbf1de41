package dev.vigil.trainer.export;

/**
 * What the forecaster returns when it runs from a given LSTM state: the forecast and the state to carry on from.
 *
 * @param forecast row-major {@code [batch][horizon][targets]}
 * @param state    row-major {@code [batch][2 * layers][hidden]}, the state after the last fed step and before the
 *                 horizon feedback: each layer's hidden state h (bottom layer first), then each layer's cell state c,
 *                 the layout of the graph's {@code state_in} and {@code state}
 */
public record StatefulForecast(float[] forecast, float[] state) {
}
