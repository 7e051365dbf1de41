package dev.vigil.streamer.inference;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * On-demand inference benchmark, not a test: windows per second and latency per call of {@link OnnxModel#forecast}
 * for batch sizes 1, 16, 64 and 256, one thread, random scaled windows.
 *
 * <p>Arguments, all optional: {@code [model.onnx] [cpu|cuda] [intraOpThreads] [secondsPerBatch]}; the model
 * defaults to the golden test model. Run it from an IDE, or from the repository root:
 * <pre>
 * ./mvnw -q -pl streamer -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * CLASSPATH=streamer/target/test-classes:streamer/target/classes:$(cat streamer/target/test.classpath) \
 *     java dev.vigil.streamer.inference.InferenceBenchmark [model.onnx]
 * </pre>
 * The class path goes in {@code CLASSPATH}, not {@code -cp}: ONNX Runtime 1.29's native start-up was seen to crash
 * (SIGSEGV) when the process's command line is longer than about 4 KB.
 */
public final class InferenceBenchmark {

    private static final int[] BATCHES = {1, 16, 64, 256};
    private static final double WARMUP_SECONDS = 1.0;

    private InferenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path path;
        if (args.length > 0) {
            path = Path.of(args[0]);
        } else {
            Path dir = Files.createTempDirectory("vigil-benchmark");
            dir.toFile().deleteOnExit();
            path = GoldenModel.copyTo(dir);
            path.toFile().deleteOnExit();
        }
        ExecutionProvider provider = args.length > 1 ? ExecutionProvider.parse(args[1]) : ExecutionProvider.CPU;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        double seconds = args.length > 3 ? Double.parseDouble(args[3]) : 3.0;

        try (OnnxModel model = OnnxModel.load(path, new InferenceOptions(provider, true, threads))) {
            int windowFloats = model.spec().windowSize() * model.spec().features().size();
            System.out.printf(Locale.ROOT, "model %s (%s), window %d x %d features, horizon %d, %s, %d intra-op"
                            + " thread(s), %s%n", path, model.modelVersion(), model.spec().windowSize(),
                    model.spec().features().size(), model.spec().horizon(), model.executionProvider().id(), threads,
                    Runtime.version());
            System.out.printf(Locale.ROOT, "%6s %9s %12s %12s %12s %12s%n",
                    "batch", "calls", "windows/s", "mean ms", "p50 ms", "p99 ms");
            Random random = new Random(42);
            for (int batch : BATCHES) {
                float[] windows = new float[batch * windowFloats];
                for (int i = 0; i < windows.length; i++) {
                    windows[i] = (float) random.nextGaussian();
                }
                run(model, windows, batch, WARMUP_SECONDS);
                long[] latencies = run(model, windows, batch, seconds);
                report(batch, latencies);
            }
        }
    }

    /** Calls the model for about {@code seconds}; returns each call's latency in nanoseconds. */
    private static long[] run(OnnxModel model, float[] windows, int batch, double seconds) {
        long[] latencies = new long[1 << 16];
        int calls = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long now = System.nanoTime();
        float sink = 0;
        while (now < end) {
            float[] forecast = model.forecast(windows, batch);
            long after = System.nanoTime();
            sink += forecast[0];
            if (calls == latencies.length) {
                latencies = Arrays.copyOf(latencies, calls * 2);
            }
            latencies[calls++] = after - now;
            now = after;
        }
        if (Float.isNaN(sink)) {
            System.out.println("(a forecast was NaN)");
        }
        return Arrays.copyOf(latencies, calls);
    }

    private static void report(int batch, long[] latencies) {
        long total = Arrays.stream(latencies).sum();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%6d %9d %12.0f %12.4f %12.4f %12.4f%n", batch, latencies.length,
                (double) batch * latencies.length / (total / 1e9), total / 1e6 / latencies.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6);
    }
}
