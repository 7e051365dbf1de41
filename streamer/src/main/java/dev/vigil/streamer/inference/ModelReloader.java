package dev.vigil.streamer.inference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the model file and swaps in a new version without a restart: every interval it looks at the file's
 * content (a hash, so an atomic rename, a ConfigMap update or an in-place copy are all seen once complete), loads a
 * changed file with all of {@link OnnxModel#load}'s checks, and hands it to {@link SwappableModel#swap}. A corrupt or
 * incompatible file is refused with one log line and the old model keeps serving.
 */
public final class ModelReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelReloader.class);

    /** Hears about every reload attempt, for metrics. */
    public interface Listener {
        void accepted(OnnxModel model);

        void refused(String reason);
    }

    private final Path path;
    private final SwappableModel model;
    private final InferenceOptions options;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private String seenHash;

    private ModelReloader(Path path, SwappableModel model, InferenceOptions options, Listener listener) {
        this.path = path;
        this.model = model;
        this.options = options;
        this.listener = listener;
        this.seenHash = hash(path).orElse("");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-model-reloader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching {@code path} every {@code interval}. */
    public static ModelReloader start(Path path, SwappableModel model, InferenceOptions options, Duration interval,
                                      Listener listener) {
        ModelReloader reloader = new ModelReloader(path, model, options, listener);
        reloader.timer.scheduleWithFixedDelay(reloader::check, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("watching {} for new model versions every {} ms", path, interval.toMillis());
        return reloader;
    }

    /** Looks at the file once; public so tests need not wait for the timer. */
    public synchronized void check() {
        Optional<String> hash = hash(path);
        if (hash.isEmpty() || hash.get().equals(seenHash)) {
            return;
        }
        seenHash = hash.get();
        OnnxModel next;
        try {
            next = OnnxModel.load(path, options);
        } catch (RuntimeException e) {
            refuse("model file " + path + " changed but cannot be served: " + e.getMessage());
            return;
        }
        String previous = model.modelVersion();
        Optional<String> problem = model.swap(next);
        if (problem.isPresent()) {
            refuse("model file " + path + " changed but is incompatible with the served model " + previous + ": "
                    + problem.get());
            return;
        }
        LOG.info("now serving model {} (was {}) from {}; forecasts are re-derived from the series' windows",
                next.modelVersion(), previous, path);
        listener.accepted(next);
    }

    private void refuse(String reason) {
        LOG.error("{}; still serving model {}", reason, model.modelVersion());
        listener.refused(reason);
    }

    private static Optional<String> hash(Path path) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return Optional.of(HexFormat.of().formatHex(digest.digest(Files.readAllBytes(path))));
        } catch (IOException e) {
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
