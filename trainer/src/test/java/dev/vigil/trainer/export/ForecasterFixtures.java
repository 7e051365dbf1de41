package dev.vigil.trainer.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.vigil.spec.ForecastMetrics;
import dev.vigil.spec.Hyperparameters;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.Provenance;
import dev.vigil.spec.Scaling;
import dev.vigil.spec.Thresholds;
import dev.vigil.spec.TrainingData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Seeded random weights and windows, and a valid spec to go with them, for the export tests. */
final class ForecasterFixtures {

    private ForecasterFixtures() {
    }

    /** A model shape under test. */
    record Shape(String name, int features, int hidden, int layers, int[] targets, int window, int horizon) {
        @Override
        public String toString() {
            return name + " (F=" + features + ", hidden=" + hidden + ", layers=" + layers + ", targets="
                    + Arrays.toString(targets) + ", W=" + window + ", H=" + horizon + ")";
        }
    }

    /** Uniform in [-1/sqrt(hidden), 1/sqrt(hidden)], PyTorch's default LSTM init, times {@code scale}. */
    static ForecasterWeights randomWeights(Shape s, long seed, double scale) {
        Random random = new Random(seed);
        double bound = scale / Math.sqrt(s.hidden());
        int gates = 4 * s.hidden();
        List<ForecasterWeights.LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < s.layers(); l++) {
            int in = l == 0 ? s.features() : s.hidden();
            layers.add(new ForecasterWeights.LayerWeights(uniform(random, gates * in, bound),
                    uniform(random, gates * s.hidden(), bound), uniform(random, gates, bound),
                    uniform(random, gates, bound)));
        }
        return new ForecasterWeights(s.features(), s.hidden(), s.targets().clone(), s.window(), s.horizon(), layers,
                uniform(random, s.targets().length * s.hidden(), bound), uniform(random, s.targets().length, bound));
    }

    /** Standard-normal values, like windows after per-window standard scaling. */
    static float[] randomWindows(Shape s, int batch, long seed) {
        return randomSteps(s, batch, s.window(), seed);
    }

    /** As {@link #randomWindows}, {@code [batch][steps][features]} for any number of steps. */
    static float[] randomSteps(Shape s, int batch, int steps, long seed) {
        return gaussian(new Random(seed), batch * steps * s.features(), 1.0);
    }

    /** A state {@code [batch][2 * layers][hidden]} of the size an LSTM's h and c typically reach. */
    static float[] randomState(Shape s, int batch, long seed) {
        return gaussian(new Random(seed), batch * 2 * s.layers() * s.hidden(), 0.5);
    }

    /** A copy of the model {@code onnx} with {@code edit} applied to its graph node named {@code node}. */
    static byte[] withNode(byte[] onnx, String node, UnaryOperator<OnnxMl.NodeProto.Builder> edit) {
        try {
            OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.parseFrom(onnx).toBuilder();
            OnnxMl.GraphProto.Builder graph = model.getGraphBuilder();
            for (OnnxMl.NodeProto.Builder n : graph.getNodeBuilderList()) {
                if (n.getName().equals(node)) {
                    edit.apply(n);
                    return model.build().toByteArray();
                }
            }
            throw new IllegalArgumentException("no node " + node + " in the exported graph");
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A spec that passes validation and agrees with {@code w}: features f0..f(F-1), targets at w's indices. */
    static ModelSpec specFor(ForecasterWeights w) {
        List<String> features = new ArrayList<>();
        for (int f = 0; f < w.inputSize(); f++) {
            features.add("f" + f);
        }
        List<String> targets = Arrays.stream(w.targetIndices()).mapToObj(features::get).toList();
        List<Double> quantiles = List.of(0.5, 0.99);
        double[][][] absError = new double[quantiles.size()][w.horizon()][w.targets()];
        for (int q = 0; q < quantiles.size(); q++) {
            for (double[] row : absError[q]) {
                Arrays.fill(row, 0.25 * (q + 1));
            }
        }
        Provenance provenance = new Provenance("0.1.0-test", "unknown", "2026-01-01T00:00:00Z",
                new TrainingData("synthetic", 1, 1000, 0, 999_000, "0".repeat(64)),
                new Hyperparameters(w.layers().size(), w.hiddenSize(), 0.0, 32, 1e-3, 10, 3, 1.0, 0, 42),
                10, 7, new ForecastMetrics(100, List.of(), List.of(), 0, List.of()));
        return new ModelSpec(ModelSpec.FORMAT_VERSION, features, targets, w.windowSize(), w.horizon(), 1000,
                Scaling.defaults(), new Thresholds(quantiles, absError, 100), provenance).validate();
    }

    /** A copy of {@code w} whose recurrent weight at {@code index} of the given layer is shifted by {@code delta}. */
    static ForecasterWeights withRecurrentWeightShifted(ForecasterWeights w, int layer, int index, float delta) {
        List<ForecasterWeights.LayerWeights> layers = new ArrayList<>(w.layers());
        ForecasterWeights.LayerWeights old = layers.get(layer);
        float[] recurrent = old.hiddenToHidden().clone();
        recurrent[index] += delta;
        layers.set(layer, new ForecasterWeights.LayerWeights(old.inputToHidden(), recurrent, old.inputBias(),
                old.hiddenBias()));
        return new ForecasterWeights(w.inputSize(), w.hiddenSize(), w.targetIndices(), w.windowSize(), w.horizon(),
                layers, w.denseWeight(), w.denseBias());
    }

    private static float[] gaussian(Random random, int n, double sigma) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * sigma);
        }
        return values;
    }

    private static float[] uniform(Random random, int n, double bound) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }
}
