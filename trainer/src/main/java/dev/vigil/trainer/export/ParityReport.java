package dev.vigil.trainer.export;

/**
 * The outcome of a passed {@link ExportVerifier} check, worth logging beside the exported model.
 *
 * @param windows             windows run through ONNX Runtime
 * @param valuesCompared      forecast values compared ({@code windows * horizon * targets})
 * @param maxAbsDiff          largest |ONNX Runtime - expected| over the forecast values
 * @param stateValuesCompared state values compared with an expected state ({@code windows * 2 * layers * hidden}),
 *                            0 when none was given
 * @param maxStateAbsDiff     largest |ONNX Runtime - expected| over the state values, 0 when none were compared
 * @param maxSteppedAbsDiff   largest difference, forecast and state, between stepping (W - 1 steps, then the last
 *                            one from their state) and the full window
 * @param tolerance           the bound all three were checked against
 */
public record ParityReport(int windows, int valuesCompared, double maxAbsDiff, int stateValuesCompared,
                           double maxStateAbsDiff, double maxSteppedAbsDiff, double tolerance) {
}
