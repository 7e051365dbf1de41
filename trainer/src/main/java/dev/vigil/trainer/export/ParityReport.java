package dev.vigil.trainer.export;

/**
 * The outcome of a passed {@link ExportVerifier} check, worth logging beside the exported model.
 *
 * @param windows        windows run through ONNX Runtime
 * @param valuesCompared forecast values compared ({@code windows * horizon * targets})
 * @param maxAbsDiff     largest |ONNX Runtime - expected| over all values
 * @param tolerance      the bound it was checked against
 */
public record ParityReport(int windows, int valuesCompared, double maxAbsDiff, double tolerance) {
}
