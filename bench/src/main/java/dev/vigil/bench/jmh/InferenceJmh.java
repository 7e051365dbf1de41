package dev.vigil.bench.jmh;

import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.InferenceOptions;
import dev.vigil.streamer.inference.OnnxModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The inference path alone: {@link OnnxModel#forecast} over a batch of random scaled inputs, one benchmark thread.
 * One method per batch size (1, 16, 64, 256), each counting its batch as that many operations, so JMH's ops/s are
 * forecasts per second. Parameters: {@code model} (an ONNX file from the trainer; empty = the bundled default model
 * when run from the repository root, else the golden test model, W 8), {@code mode} ({@code window}: the whole
 * window from a zero state, what window mode and a stateful derivation cost; {@code step}: one step from a carried
 * state, what a stateful forecast costs), {@code provider} (cpu or cuda) and {@code threads} (ONNX Runtime intra-op
 * threads).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class InferenceJmh {

    @Param({""})
    public String model;

    @Param({"window", "step"})
    public String mode;

    @Param({"cpu"})
    public String provider;

    @Param({"1"})
    public int threads;

    private OnnxModel onnx;
    private float[] windows1;
    private float[] windows16;
    private float[] windows64;
    private float[] windows256;
    private float[] states;
    private int stepFloats;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = model.isEmpty() ? defaultModel() : Path.of(model);
        onnx = OnnxModel.load(file, new InferenceOptions(ExecutionProvider.parse(provider), true, threads));
        if (!mode.equals("window") && !mode.equals("step")) {
            throw new IllegalArgumentException("mode: expected window or step, found '" + mode + "'");
        }
        if (mode.equals("step") && onnx.stateSize() == 0) {
            throw new IllegalArgumentException("mode step: model " + file + " carries no LSTM state");
        }
        stepFloats = mode.equals("step") ? 1 : onnx.spec().windowSize();
        int floats = stepFloats * onnx.spec().features().size();
        windows256 = new float[256 * floats];
        Random random = new Random(42);
        for (int i = 0; i < windows256.length; i++) {
            windows256[i] = (float) random.nextGaussian();
        }
        windows1 = Arrays.copyOf(windows256, floats);
        windows16 = Arrays.copyOf(windows256, 16 * floats);
        windows64 = Arrays.copyOf(windows256, 64 * floats);
        states = new float[256 * onnx.stateSize()];
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) (0.1 * random.nextGaussian());
        }
    }

    private Object run(float[] inputs, int batch) {
        if (stepFloats == 1) {
            return onnx.forecast(inputs, batch, 1, Arrays.copyOf(states, batch * onnx.stateSize()));
        }
        return onnx.forecast(inputs, batch);
    }

    @TearDown(Level.Trial)
    public void close() {
        onnx.close();
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public Object batch001() {
        return run(windows1, 1);
    }

    @Benchmark
    @OperationsPerInvocation(16)
    public Object batch016() {
        return run(windows16, 16);
    }

    @Benchmark
    @OperationsPerInvocation(64)
    public Object batch064() {
        return run(windows64, 64);
    }

    @Benchmark
    @OperationsPerInvocation(256)
    public Object batch256() {
        return run(windows256, 256);
    }

    private static Path defaultModel() throws IOException {
        Path bundled = Path.of(System.getProperty("vigil.bench.default.model", "models/default.onnx"));
        return Files.isRegularFile(bundled) ? bundled : goldenModel();
    }

    private static Path goldenModel() throws IOException {
        Path file = Files.createTempFile("vigil-golden-", ".onnx");
        file.toFile().deleteOnExit();
        try (InputStream in = InferenceJmh.class.getResourceAsStream("/golden/model.onnx")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("the golden model is not on the class path"));
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
