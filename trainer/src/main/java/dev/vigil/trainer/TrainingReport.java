package dev.vigil.trainer;

import dev.vigil.spec.ModelSpec;
import dev.vigil.trainer.export.ParityReport;
import dev.vigil.trainer.fit.FitResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param spec   the spec written into the model
 * @param fit    the loss curve and where training stopped
 * @param parity ONNX Runtime against the trained model on held-out windows
 * @param model  the ONNX file
 * @param charts the PNG files written next to it
 */
public record TrainingReport(ModelSpec spec, FitResult fit, ParityReport parity, Path model, List<Path> charts) {

    public TrainingReport {
        charts = List.copyOf(charts);
    }
}
