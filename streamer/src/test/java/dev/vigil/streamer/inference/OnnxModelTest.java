package dev.vigil.streamer.inference;

import dev.vigil.spec.ModelSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Serving the golden model: its spec, its forecasts, batching, and the session's lifecycle. */
class OnnxModelTest {

    private static final double TOLERANCE = 1e-5;

    @TempDir
    Path dir;

    private OnnxModel model;
    private List<GoldenModel.Case> cases;

    @BeforeEach
    void load() {
        model = OnnxModel.load(GoldenModel.copyTo(dir), InferenceOptions.defaults());
        cases = GoldenModel.cases();
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void readsTheSpecAndIdentifiesTheModel() throws Exception {
        ModelSpec spec = model.spec();
        assertEquals(List.of("value", "flag"), spec.features());
        assertEquals(List.of("value"), spec.targets());
        assertEquals(8, spec.windowSize());
        assertEquals(3, spec.horizon());
        assertEquals(ExecutionProvider.CPU, model.executionProvider());
        assertEquals(dir.resolve("model.onnx"), model.path());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(GoldenModel.modelBytes());
        assertEquals("sha256:" + HexFormat.of().formatHex(digest).substring(0, 12), model.modelVersion());
    }

    @Test
    void reproducesTheGoldenForecasts() {
        assertFalse(cases.isEmpty(), "golden cases");
        for (GoldenModel.Case c : cases) {
            assertArrayEquals(c.expected(), model.forecast(c.window(), 1), (float) TOLERANCE, c.series());
        }
    }

    @Test
    void carriesTheGoldenLstmStateAndSteppingFromItEqualsTheWholeWindow() {
        assertEquals(2 * 8, model.stateSize(), "1 layer of 8: h and c");
        int features = model.spec().features().size();
        int w = model.spec().windowSize();
        for (GoldenModel.Case c : cases) {
            Forecaster.Stepped whole = model.forecast(c.window(), 1, w, new float[model.stateSize()]);
            assertArrayEquals(c.expected(), whole.forecasts(), (float) TOLERANCE, c.series());
            assertArrayEquals(c.expectedState(), whole.states(), (float) TOLERANCE, c.series() + " state");

            float[] window = c.window();
            float[] state = new float[model.stateSize()];
            float[] forecast = null;
            for (int t = 0; t < w; t++) {
                Forecaster.Stepped step = model.forecast(Arrays.copyOfRange(window, t * features, (t + 1) * features),
                        1, 1, state);
                state = step.states();
                forecast = step.forecasts();
            }
            assertArrayEquals(c.expected(), forecast, (float) TOLERANCE, c.series() + ": W single steps");
            assertArrayEquals(c.expectedState(), state, (float) TOLERANCE, c.series() + ": state after W steps");
        }
    }

    @Test
    void refusesStatesOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forecast(new float[2], 1, 1, new float[3]));
        assertTrue(e.getMessage().startsWith("states: expected batch * stateSize = 1 * 16 = 16 floats, found 3"),
                e.getMessage());
    }

    @Test
    void batchedForecastsEqualOneAtATime() {
        float[] batched = model.forecast(GoldenModel.windows(cases), cases.size());
        float[] single = new float[batched.length];
        int perCase = batched.length / cases.size();
        for (int i = 0; i < cases.size(); i++) {
            System.arraycopy(model.forecast(cases.get(i).window(), 1), 0, single, i * perCase, perCase);
        }
        assertArrayEquals(single, batched, 1e-6f);
        assertArrayEquals(GoldenModel.expected(cases), batched, (float) TOLERANCE);
    }

    @Test
    void emptyBatchGivesEmptyForecast() {
        assertEquals(0, model.forecast(new float[0], 0).length);
    }

    @Test
    void refusesWindowsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.forecast(new float[15], 1));
        assertEquals("windows: expected batch * windowSize * features = 1 * 8 * 2 = 16 floats, found 15",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.forecast(new float[16], 2));
        assertThrows(IllegalArgumentException.class, () -> model.forecast(new float[0], -1));
    }

    @Test
    void closeIsIdempotentAndForecastAfterItThrows() {
        model.close();
        model.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.forecast(cases.get(0).window(), 1));
        assertEquals("model is closed", e.getMessage());
        assertEquals(8, model.spec().windowSize(), "the spec stays readable after close");
    }

    @Test
    void concurrentForecastsAgree() throws Exception {
        float[] windows = GoldenModel.windows(cases);
        float[] expected = model.forecast(windows, cases.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            tasks.add(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    assertArrayEquals(expected, model.forecast(windows, cases.size()));
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Void>> futures = tasks.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeWaitsForForecastsInFlightThenRefusesNewOnes() throws Exception {
        float[] windows = GoldenModel.windows(cases);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch started = new CountDownLatch(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<IllegalStateException>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    started.countDown();
                    while (running.get()) {
                        try {
                            model.forecast(windows, cases.size());
                        } catch (IllegalStateException e) {
                            return e;
                        }
                    }
                    return null;
                }));
            }
            started.await();
            Thread.sleep(50);
            model.close();
            for (Future<IllegalStateException> future : futures) {
                IllegalStateException e = future.get(60, TimeUnit.SECONDS);
                assertTrue(e != null && "model is closed".equals(e.getMessage()), "forecast after close: " + e);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }
}
