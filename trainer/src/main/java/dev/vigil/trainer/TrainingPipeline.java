package dev.vigil.trainer;

import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.Hyperparameters;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Provenance;
import dev.vigil.spec.Scaling;
import dev.vigil.spec.Thresholds;
import dev.vigil.spec.TrainingData;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.data.HistoryException;
import dev.vigil.trainer.data.HistoryFingerprint;
import dev.vigil.trainer.eval.ForecastEvaluator;
import dev.vigil.trainer.eval.SeasonalityDetector;
import dev.vigil.trainer.eval.ThresholdCalibrator;
import dev.vigil.trainer.export.ExportVerifier;
import dev.vigil.trainer.export.ForecasterWeights;
import dev.vigil.trainer.export.OnnxForecasterExporter;
import dev.vigil.trainer.export.ParityReport;
import dev.vigil.trainer.export.ReferenceForecaster;
import dev.vigil.trainer.fit.BatchAssembler;
import dev.vigil.trainer.fit.FitProgress;
import dev.vigil.trainer.fit.FitResult;
import dev.vigil.trainer.fit.LstmFitter;
import dev.vigil.trainer.fit.ScalingFit;
import dev.vigil.trainer.fit.WindowBatch;
import dev.vigil.trainer.fit.WindowSampler;
import dev.vigil.trainer.fit.WindowSplits;
import dev.vigil.trainer.model.DjlForecaster;
import dev.vigil.trainer.model.LstmShape;
import dev.vigil.trainer.report.Charts;
import dev.vigil.trainer.report.GoldenFixtures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A whole training run: split, fit, evaluate against baselines, calibrate thresholds, export to ONNX, check the
 * export against the trained model, write the model and its charts.
 */
public final class TrainingPipeline {

    /** Largest max-abs difference allowed between ONNX Runtime and the trained model. */
    public static final double PARITY_TOLERANCE = 1e-4;

    /** Held-out windows the export is checked on. */
    static final int PARITY_WINDOWS = 256;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingPipeline.class);

    private final FitProgress progress;

    public TrainingPipeline(FitProgress progress) {
        this.progress = progress;
    }

    public TrainingReport run(TrainingRequest request) {
        History history = request.history();
        int[] targetIndices = targetIndices(history, request.effectiveTargets());
        Hyperparameters hp = request.hyperparameters();
        WindowSplits splits = WindowSplits.of(history, request.windowSize(), request.horizon(), request.split());
        LOG.info("{} series, {} points, {} features; windows: {} train, {} validation, {} test", history.series().size(),
                history.points(), history.features().size(), splits.train().length, splits.validation().length,
                splits.test().length);
        Scaling scaling = ScalingFit.resolve(request.scaling(), history, request.split());
        if (scaling.mean() != null) {
            LOG.info("{} scaling fitted on the training split: mean {}, scale {}", scaling.scheme(), scaling.mean(),
                    scaling.scale());
        }
        BatchAssembler data = new BatchAssembler(history, scaling, request.windowSize(), request.horizon(),
                targetIndices);
        int period = request.seasonalPeriod() != null ? request.seasonalPeriod()
                : SeasonalityDetector.detect(history, targetIndices[0], request.split().train(),
                        Math.max(2 * request.windowSize(), 400));
        LOG.info(period > 0 ? "seasonal-naive baseline period: {} steps" : "no seasonal period given or detected{}",
                period > 0 ? period : "");

        LstmShape shape = new LstmShape(history.features().size(), targetIndices, request.windowSize(),
                request.horizon(), hp.layers(), hp.hiddenSize(), hp.dropout());
        try (DjlForecaster forecaster = DjlForecaster.create(shape, hp.seed())) {
            FitResult fit = new LstmFitter(hp, request.validationWindows(), progress).fit(forecaster, data, splits);
            SplittableRandom random = new SplittableRandom(hp.seed() ^ 0x5EEDL);

            long[] testWindows = WindowSampler.sample(splits.test(), request.testWindows(), random.split());
            WindowBatch test = data.assemble(testWindows, 0, testWindows.length);
            float[] testForecast = forecaster.predict(test.inputs(), test.size());
            ForecastMetrics metrics = new ForecastEvaluator(data, period).evaluate(testWindows, test, testForecast);

            long[] calibrationWindows = WindowSampler.sample(splits.validation(), request.validationWindows(),
                    random.split());
            WindowBatch calibration = data.assemble(calibrationWindows, 0, calibrationWindows.length);
            Thresholds thresholds = ThresholdCalibrator.calibrate(
                    forecaster.predict(calibration.inputs(), calibration.size()), calibration.labels(),
                    calibration.size(), request.horizon(), targetIndices.length, request.quantiles());

            ModelSpec spec = spec(request, scaling, fit, metrics, thresholds).validate();
            ForecasterWeights weights = forecaster.weights();
            byte[] onnx = OnnxForecasterExporter.export(weights, spec);
            int parityWindows = Math.min(PARITY_WINDOWS, test.size());
            float[] parityInputs = Arrays.copyOf(test.inputs(), parityWindows * request.windowSize()
                    * history.features().size());
            float[] parityExpected = Arrays.copyOf(testForecast, parityWindows * request.horizon()
                    * targetIndices.length);
            // DJL does not expose the LSTM state, so the expected state comes from the reference on the same weights.
            float[] parityState = ReferenceForecaster.forecast(weights, parityInputs, parityWindows,
                    request.windowSize(), ReferenceForecaster.zeroState(weights, parityWindows)).state();
            ParityReport parity = ExportVerifier.verify(onnx, parityInputs, parityWindows, parityExpected,
                    parityState, PARITY_TOLERANCE);
            LOG.info("export check: ONNX Runtime matches the trained model on {} held-out windows, max abs diff {}"
                    + " (state {}, stepping from a carried state {})", parity.windows(), parity.maxAbsDiff(),
                    parity.maxStateAbsDiff(), parity.maxSteppedAbsDiff());
            writeAtomically(request.output(), onnx);
            List<Path> charts = request.charts()
                    ? Charts.write(request.output(), fit, data, forecaster, splits)
                    : List.of();
            if (request.fixtureDir() != null) {
                GoldenFixtures.write(request.fixtureDir(), onnx, spec, data, testWindows, test, testForecast,
                        parityState);
            }
            return new TrainingReport(spec, fit, parity, request.output(), charts);
        }
    }

    private static ModelSpec spec(TrainingRequest request, Scaling scaling, FitResult fit, ForecastMetrics metrics,
                                  Thresholds thresholds) {
        History history = request.history();
        long first = history.series().stream().mapToLong(s -> s.timestamps()[0]).min().orElse(0);
        long last = history.series().stream().mapToLong(s -> s.timestamps()[s.length() - 1]).max().orElse(0);
        TrainingData data = new TrainingData(history.source(), history.series().size(), history.points(), first, last,
                HistoryFingerprint.of(history));
        BuildInfo build = BuildInfo.load();
        Provenance provenance = new Provenance(build.version(), build.gitCommit(), Instant.now().toString(), data,
                request.hyperparameters(), fit.epochs().size(), fit.bestEpoch(), metrics);
        return new ModelSpec(ModelSpec.FORMAT_VERSION, history.features(), request.effectiveTargets(),
                request.windowSize(), request.horizon(), history.stepMillis(), scaling, thresholds,
                provenance);
    }

    static int[] targetIndices(History history, List<String> targets) {
        int[] indices = new int[targets.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = history.features().indexOf(targets.get(i));
            if (indices[i] < 0) {
                throw new HistoryException("unknown target feature '" + targets.get(i) + "' in " + history.source()
                        + ": expected one of the features " + history.features());
            }
        }
        return indices;
    }

    private static void writeAtomically(Path output, byte[] bytes) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = parent.resolve(output.getFileName() + ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write model " + output + ": " + e.getMessage(), e);
        }
    }

}
