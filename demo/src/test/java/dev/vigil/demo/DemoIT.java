package dev.vigil.demo;

import dev.vigil.demo.watch.Tally;
import dev.vigil.generator.AnomalyMix;
import dev.vigil.spec.OnnxModelSpecReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo end to end, smaller: its own broker, the streamer with the bundled model, the generator, the report.
 * Points are sent as fast as possible, but with batches of one forecast, so that every point is scored one step
 * ahead, as in production where a series' points are a step apart; the floors are below what this seed measured
 * (precision 1.00, recall 0.75 over 56 labels; see docs/demo.md), so a change that makes detection worse fails.
 */
class DemoIT {

    private static final Path HOME = DemoCli.home();
    private static final Path MODEL = HOME.resolve("models").resolve("default.onnx");
    private static final int SERIES = 60;
    private static final double PRECISION_FLOOR = 0.9;
    private static final double RECALL_FLOOR = 0.6;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private static DemoOptions options(Duration duration, double rate) {
        return new DemoOptions(SERIES, duration, rate, 42, AnomalyMix.ALL, 4, 1, 0, false, MODEL, false, HOME, false,
                Duration.ofSeconds(2), Map.of("vigil.batch.max.size", "1"));
    }

    @Test
    void scoresEveryPointRaisesTheInjectedAnomaliesAndCleansUp() throws InterruptedException {
        Scraper scraper = new Scraper();
        Demo.Result result = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new Demo(
                options(Duration.ofHours(12), 0), new PrintStream(console, true, StandardCharsets.UTF_8), scraper)
                .run());
        scraper.stop();
        String output = console.toString(StandardCharsets.UTF_8);

        long points = SERIES * 720L;
        // a series' first W points fill its window
        long warmUp = SERIES * (long) OnnxModelSpecReader.read(MODEL).windowSize();
        Tally tally = result.tally();
        assertEquals(points, result.sent(), output);
        assertEquals(points, tally.scores(), "one score record per point");
        assertEquals(warmUp, tally.warmingUp(), "only each series' first W points warm up");
        assertEquals(points - warmUp, tally.scored(), "every point after the warm-up scored");
        assertEquals(0, tally.deadLetters());
        assertTrue(tally.opened() > 10, "anomalies opened: " + tally.opened());
        assertNotNull(result.evaluation());
        assertTrue(result.evaluation().labels() > 40, "labels: " + result.evaluation().labels());
        double precision = result.evaluation().total().precision();
        double recall = result.evaluation().total().recall();
        assertTrue(precision >= PRECISION_FLOOR && recall >= RECALL_FLOOR,
                "precision " + precision + ", recall " + recall + "\n" + output);
        assertTrue(output.contains("precision ") && output.contains("OPENED "), output);
        assertFalse(Files.exists(result.dataDir()), "temporary folder deleted: " + result.dataDir());
        assertTrue(scraper.served() > 0, "/metrics answered while the demo ran");
        assertTrue(scraper.bodies.stream().anyMatch(b -> b.contains("vigil_records_scored_total")),
                "Vigil's meters on /metrics");
        assertThrows(ConnectException.class, () -> scraper.get(result.metricsPort()), "/metrics closed at the end");
    }

    @Test
    void aStopRequestStopsEverythingInOrderAndCleansUp() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Demo demo = new Demo(options(Duration.ofDays(2), 2000), new PrintStream(console, true,
                StandardCharsets.UTF_8), new Demo.Listener() {
                    @Override
                    public void started(int metricsPort, Path dataDir) {
                        started.countDown();
                    }
                });
        Demo.Result[] result = new Demo.Result[1];
        Thread runner = new Thread(() -> {
            try {
                result[0] = demo.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        assertTrue(started.await(60, TimeUnit.SECONDS), "the streamer started");
        TimeUnit.SECONDS.sleep(1);

        demo.requestStop();

        assertTrue(demo.awaitFinished(Duration.ofSeconds(60)), "stopped within a minute");
        runner.join(5000);
        assertTrue(result[0].stopped());
        assertNull(result[0].evaluation(), "no precision or recall for a run cut short");
        assertTrue(result[0].sent() > 0 && result[0].sent() < SERIES * 2880L, "sent " + result[0].sent());
        assertFalse(Files.exists(result[0].dataDir()), "temporary folder deleted");
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("Stopped after"));
    }

    @Test
    void sigtermStopsTheDemoProcessAndRemovesItsData(@TempDir Path tmp) throws Exception {
        Path jar = HOME.resolve("demo").resolve("target").resolve("vigil-demo.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("vigil-demo-it-", ".log");
        Process process = new ProcessBuilder(java.toString(), "-Djava.io.tmpdir=" + tmp, "-Dvigil.home=" + HOME,
                "-jar", jar.toString(), "--series", "20", "--duration", "2d", "--rate", "1000", "--metrics-port", "0")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains("Streamer running") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertTrue(hasDemoFolder(tmp), "the demo's temporary folder exists while it runs");
        TimeUnit.SECONDS.sleep(2);

        process.destroy();

        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the demo exits after SIGTERM");
        String output = Files.readString(log);
        Files.delete(log);
        assertTrue(output.contains("Stopped after"), output);
        assertFalse(hasDemoFolder(tmp), "temporary folder deleted:\n" + output);
    }

    private static boolean hasDemoFolder(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("vigil-demo-"));
        }
    }

    /** Scrapes /metrics every 200 ms from the moment the streamer runs. */
    private static final class Scraper implements Demo.Listener {
        final List<String> bodies = new CopyOnWriteArrayList<>();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final HttpClient client = HttpClient.newHttpClient();
        private Thread thread;

        @Override
        public void started(int metricsPort, Path dataDir) {
            thread = new Thread(() -> {
                while (!stopped.get()) {
                    try {
                        bodies.add(get(metricsPort));
                        TimeUnit.MILLISECONDS.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException e) {
                        // closing
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String get(int port) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/metrics")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        }

        int served() {
            return bodies.size();
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            if (thread != null) {
                thread.join(2000);
            }
        }
    }
}
