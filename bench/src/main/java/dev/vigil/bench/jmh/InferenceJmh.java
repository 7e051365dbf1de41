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
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The inference path alone: one {@link OnnxModel#forecast} call over {@code batch} random scaled windows, one
 * thread. JMH reports calls per second; windows per second are that times the batch, which
 * {@code @OperationsPerInvocation} cannot express for a parameter, so {@link #forecast} returns one result per call
 * and the docs give the multiplication. Parameters: {@code model} (an ONNX file; empty = the golden test model,
 * W 8), {@code batch}, {@code provider} (cpu or cuda) and {@code threads} (intra-op threads).
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

    @Param({"1", "16", "64", "256"})
    public int batch;

    @Param({"cpu"})
    public String provider;

    @Param({"1"})
    public int threads;

    private OnnxModel onnx;
    private float[] windows;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path file = model.isEmpty() ? goldenModel() : Path.of(model);
        onnx = OnnxModel.load(file, new InferenceOptions(ExecutionProvider.parse(provider), true, threads));
        int floats = onnx.spec().windowSize() * onnx.spec().features().size();
        windows = new float[batch * floats];
        Random random = new Random(42);
        for (int i = 0; i < windows.length; i++) {
            windows[i] = (float) random.nextGaussian();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        onnx.close();
    }

    /** One inference call; multiply JMH's ops/s by {@code batch} for windows/s. */
    @Benchmark
    @OperationsPerInvocation(1)
    public float[] forecast() {
        return onnx.forecast(windows, batch);
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
