package dev.vigil.trainer.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.scaling.WindowStats;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.spec.StateShape;
import dev.vigil.trainer.fit.BatchAssembler;
import dev.vigil.trainer.fit.WindowBatch;
import dev.vigil.trainer.fit.WindowSplits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a model's contract fixtures: the ONNX file and a few held-out windows with the scaled input the model
 * sees and the forecast the trained model made for them, so the streamer's tests can pin scaling and inference.
 */
public final class GoldenFixtures {

    /** Held-out windows written. */
    static final int CASES = 8;

    public static final String MODEL_FILE = "model.onnx";
    public static final String CASES_FILE = "cases.json";

    private GoldenFixtures() {
    }

    /**
     * One fixture case.
     *
     * @param series          series id
     * @param windowEndMillis timestamp of the window's last step
     * @param raw             the raw window {@code [W][F]}
     * @param scaledInput     the scaled window as the model receives it {@code [W][F]}
     * @param scaledForecast  the trained model's forecast in scaled units {@code [H][T]}
     * @param forecast        the same, unscaled to the series' units {@code [H][T]}
     * @param state           the model's {@code state} output for {@code scaledInput} from a zero state
     *                        {@code [2 * layers][hidden]}: each layer's h, then each layer's c
     */
    public record Case(String series, long windowEndMillis, double[][] raw, float[][] scaledInput,
                       float[][] scaledForecast, double[][] forecast, float[][] state) {
    }

    /**
     * @param forecast the trained model's forecasts for {@code batch}, row-major {@code [batch][H][T]}
     * @param state    the LSTM state after each of (at least the first {@value #CASES}) windows of {@code batch}
     *                 from zeros, row-major {@code [windows][2 * layers][hidden]}
     */
    public static void write(Path dir, byte[] onnx, ModelSpec spec, BatchAssembler data, long[] windows,
                             WindowBatch batch, float[] forecast, float[] state) {
        int w = spec.windowSize();
        int f = spec.features().size();
        int h = spec.horizon();
        int t = spec.targets().size();
        int[] targets = spec.targetIndices();
        StateShape stateShape = OnnxModelSpecReader.stateShape(onnx, "exported model").orElseThrow(
                () -> new IllegalArgumentException("golden fixtures need a model with the LSTM state input/output"));
        int rows = stateShape.rows();
        int hidden = stateShape.hidden();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < Math.min(CASES, batch.size()); i++) {
            var series = data.history().series().get(WindowSplits.seriesIndex(windows[i]));
            int start = WindowSplits.start(windows[i]);
            double[] raw = data.rawWindow(windows[i]);
            WindowStats stats = data.scaler().stats(raw, 0);
            double[][] rawRows = new double[w][];
            float[][] scaledRows = new float[w][];
            for (int step = 0; step < w; step++) {
                rawRows[step] = Arrays.copyOfRange(raw, step * f, (step + 1) * f);
                scaledRows[step] = Arrays.copyOfRange(batch.inputs(), (i * w + step) * f, (i * w + step + 1) * f);
            }
            float[][] scaledForecast = new float[h][];
            double[][] unscaled = new double[h][t];
            for (int step = 0; step < h; step++) {
                scaledForecast[step] = Arrays.copyOfRange(forecast, (i * h + step) * t, (i * h + step + 1) * t);
                for (int k = 0; k < t; k++) {
                    unscaled[step][k] = stats.unscale(targets[k], scaledForecast[step][k]);
                }
            }
            float[][] stateRows = new float[rows][];
            for (int row = 0; row < rows; row++) {
                stateRows[row] = Arrays.copyOfRange(state, (i * rows + row) * hidden, (i * rows + row + 1) * hidden);
            }
            cases.add(new Case(series.id(), series.timestamps()[start + w - 1], rawRows, scaledRows,
                    scaledForecast, unscaled, stateRows));
        }
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(MODEL_FILE), onnx);
            mapper.writeValue(dir.resolve(CASES_FILE).toFile(), cases);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write fixtures to " + dir + ": " + e.getMessage(), e);
        }
    }
}
