package dev.vigil.trainer.cli;

import dev.vigil.spec.Hyperparameters;
import dev.vigil.spec.Scaling;
import dev.vigil.trainer.TrainingRequest;
import dev.vigil.trainer.data.History;
import dev.vigil.trainer.fit.SplitFractions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The model and fit options, declared once: the trainer's CLI and every command that trains a model on the way
 * (the backtest) mix them in, so the same option means the same thing everywhere.
 */
public final class ModelOptions {

    @Option(names = "--targets", paramLabel = "NAME", split = ",",
            description = "Features to forecast (default: all); the others are inputs only, carried forward "
                    + "during feedback.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--window", defaultValue = "48", description = "Window length W in steps (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--horizon", defaultValue = "12", description = "Forecast horizon H in steps (default: ${DEFAULT-VALUE}).")
    int horizon;

    @Option(names = "--layers", defaultValue = "2", description = "Stacked LSTM layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--hidden", defaultValue = "64", description = "LSTM hidden size (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--dropout", defaultValue = "0.0",
            description = "Dropout between stacked layers while training (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--batch-size", defaultValue = "128", description = "Windows per gradient step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--epochs", defaultValue = "30", description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "4",
            description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--gradient-clip", defaultValue = "1.0",
            description = "Clip every gradient element to [-c, c]; 0 disables (default: ${DEFAULT-VALUE}).")
    double gradientClip;

    @Option(names = "--windows-per-epoch", defaultValue = "32768",
            description = "Training windows sampled per epoch, 0 for all (default: ${DEFAULT-VALUE}).")
    int windowsPerEpoch;

    @Option(names = "--validation-windows", defaultValue = "8192",
            description = "Validation windows for early stopping and threshold calibration, 0 for all "
                    + "(default: ${DEFAULT-VALUE}).")
    int validationWindows;

    @Option(names = "--test-windows", defaultValue = "16384",
            description = "Test windows for the metrics, 0 for all (default: ${DEFAULT-VALUE}).")
    int testWindows;

    @Option(names = "--split", paramLabel = "TRAIN,VALIDATION", split = ",", defaultValue = "0.7,0.15",
            description = "Fractions of every series, by time, for training and validation; the rest is the "
                    + "test split (default: ${DEFAULT-VALUE}).")
    List<Double> split;

    @Option(names = "--period", paramLabel = "auto|none|N", defaultValue = "auto",
            description = "Season length in steps for the seasonal-naive baseline: detected, none, or given "
                    + "(default: ${DEFAULT-VALUE}).")
    String period;

    @Option(names = "--quantiles", split = ",", defaultValue = "0.99,0.999,0.9999",
            description = "Quantiles of validation residuals stored as anomaly thresholds (default: ${DEFAULT-VALUE}).")
    List<Double> quantiles;

    @Option(names = "--scaling", paramLabel = "window|fixed", defaultValue = "window",
            description = "How inputs are scaled: window (each window by its own mean and spread, so one model "
                    + "serves series of any magnitude) or fixed (by the training data's mean and spread per feature, "
                    + "so the model sees absolute levels; for a model of one series or of series in the same units) "
                    + "(default: ${DEFAULT-VALUE}).")
    String scaling;

    @Option(names = "--min-scale", paramLabel = "X", defaultValue = "1e-6",
            description = "Floor of every window's scale, in the series' units: changes much smaller than X count "
                    + "as noise. Raise it for series that sit flat and move in known units (default: "
                    + "${DEFAULT-VALUE}).")
    double minScale;

    @Option(names = "--relative-min-scale", paramLabel = "X", defaultValue = "1e-3",
            description = "Floor of every window's scale relative to the window's mean magnitude (default: "
                    + "${DEFAULT-VALUE}).")
    double relativeMinScale;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of every random choice; same seed and data give the same model (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "1",
            description = "PyTorch threads; 1 is fastest on small machines (default: ${DEFAULT-VALUE}).")
    int threads;

    /** Every option checked, naming the option and the value found. */
    public void validate() {
        requireAtLeast("--window", window, 2);
        requireAtLeast("--horizon", horizon, 1);
        requireAtLeast("--layers", layers, 1);
        requireAtLeast("--hidden", hidden, 1);
        requireAtLeast("--batch-size", batchSize, 1);
        requireAtLeast("--epochs", epochs, 1);
        requireAtLeast("--patience", patience, 1);
        requireAtLeast("--threads", threads, 1);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("--dropout: found " + dropout + ", expected a value in [0, 1)");
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("--learning-rate: found " + learningRate + ", expected > 0");
        }
        if (!(minScale > 0) || !(relativeMinScale >= 0)) {
            throw new IllegalArgumentException("--min-scale / --relative-min-scale: found " + minScale + " / "
                    + relativeMinScale + ", expected > 0 / >= 0");
        }
        if (!(gradientClip >= 0)) {
            throw new IllegalArgumentException("--gradient-clip: found " + gradientClip + ", expected >= 0");
        }
        scalingScheme();
        if (split.size() != 2) {
            throw new IllegalArgumentException("--split: found " + split + ", expected TRAIN,VALIDATION such as 0.7,0.15");
        }
        for (int q = 0; q < quantiles.size(); q++) {
            double value = quantiles.get(q);
            if (!(value > 0 && value < 1) || (q > 0 && value <= quantiles.get(q - 1))) {
                throw new IllegalArgumentException("--quantiles: found " + quantiles
                        + ", expected ascending values in (0, 1)");
            }
        }
    }

    private static void requireAtLeast(String option, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(option + ": found " + value + ", expected at least " + min);
        }
    }

    private String scalingScheme() {
        switch (scaling.toLowerCase(Locale.ROOT)) {
            case "window":
                return Scaling.WINDOW_STANDARD;
            case "fixed":
                return Scaling.FIXED_STANDARD;
            default:
                throw new IllegalArgumentException("--scaling: found '" + scaling + "', expected window or fixed");
        }
    }

    private Integer seasonalPeriod() {
        switch (period.toLowerCase(Locale.ROOT)) {
            case "auto":
                return null;
            case "none":
                return 0;
            default:
                try {
                    int value = Integer.parseInt(period);
                    if (value >= 2) {
                        return value;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new IllegalArgumentException("--period: found '" + period
                        + "', expected auto, none or a whole number of steps >= 2");
        }
    }

    public static void setThreads(int threads) {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads",
                Integer.toString(threads)));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }

    /** A training request for {@code history} with these options. */
    public TrainingRequest request(History history, Path output, boolean charts, Path fixtureDir) {
        Hyperparameters hp = new Hyperparameters(layers, hidden, dropout, batchSize, learningRate, epochs, patience,
                gradientClip, windowsPerEpoch, seed);
        return new TrainingRequest(history, targets, window, horizon, hp,
                new SplitFractions(split.get(0), split.get(1)), validationWindows, testWindows, seasonalPeriod(),
                quantiles, output, charts, fixtureDir, new Scaling(scalingScheme(), minScale, relativeMinScale));
    }

    public int threads() {
        return threads;
    }

    public List<String> targets() {
        return targets;
    }

    public int window() {
        return window;
    }
}
