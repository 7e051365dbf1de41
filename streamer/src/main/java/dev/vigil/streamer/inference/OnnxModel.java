package dev.vigil.streamer.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.spec.InvalidModelSpecException;
import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one owner of the streamer's ONNX Runtime session: loads a Vigil model, checks it against its spec, serves
 * batched forecasts, and releases the native session on {@link #close()}.
 *
 * <p>{@link #forecast} may be called from any number of threads at once. {@link #close()} is idempotent and waits
 * for forecasts in flight; a forecast after it throws {@link IllegalStateException}. The spec, version, path and
 * provider stay readable after close. The process-wide {@link OrtEnvironment} is shared and never closed here.
 */
public final class OnnxModel implements Forecaster, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

    private final Path path;
    private final ModelSpec spec;
    private final String modelVersion;
    private final OrtEnvironment env;
    private final OrtSessions.Opened opened;
    private final int windowFloats;
    private final int forecastFloats;
    private final int stepFloats;
    private final long[] stateDims;
    private final int stateSize;
    /** Forecasts share the read lock; close takes the write lock, so it never frees a session in use. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxModel(Path path, ModelSpec spec, String modelVersion, OrtEnvironment env, OrtSessions.Opened opened,
                      long[] stateDims) {
        this.path = path;
        this.spec = spec;
        this.modelVersion = modelVersion;
        this.env = env;
        this.opened = opened;
        this.windowFloats = spec.windowSize() * spec.features().size();
        this.forecastFloats = spec.horizon() * spec.targets().size();
        this.stepFloats = spec.features().size();
        this.stateDims = stateDims;
        this.stateSize = stateDims == null ? 0 : (int) (stateDims[0] * stateDims[1]);
    }

    /**
     * Reads, checks and opens a model.
     *
     * @throws InvalidModelSpecException when the file is missing or unreadable, is not ONNX, carries no valid Vigil
     *                                   spec, or its session's inputs and outputs disagree with the spec
     * @throws IllegalStateException     when CUDA was asked for without fallback and cannot be used
     */
    public static OnnxModel load(Path path, InferenceOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        String origin = path.toString();
        byte[] bytes = readBytes(path);
        ModelSpec spec = OnnxModelSpecReader.read(bytes, origin);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSessions.Opened opened = OrtSessions.open(env, bytes, origin, options);
        long[] stateDims;
        try {
            stateDims = SessionContract.check(opened.session(), spec, origin);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
        OnnxModel model = new OnnxModel(path, spec, versionOf(bytes), env, opened, stateDims);
        LOG.info("Loaded model {} version {}: features {}, targets {}, window {}, horizon {}, {}; {} provider, {} "
                        + "intra-op thread(s)", path, model.modelVersion, spec.features(), spec.targets(),
                spec.windowSize(), spec.horizon(), stateDims == null ? "window mode only (no LSTM state input)"
                        : "LSTM state " + stateDims[0] + " x " + stateDims[1], opened.provider().id(),
                options.intraOpThreads());
        return model;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    /** {@code sha256:} and the first 12 hex digits of the model file's SHA-256. */
    @Override
    public String modelVersion() {
        return modelVersion;
    }

    public Path path() {
        return path;
    }

    /** The provider the session actually runs on: CPU when CUDA was asked for and the fallback was taken. */
    public ExecutionProvider executionProvider() {
        return opened.provider();
    }

    @Override
    public int stateSize() {
        return stateSize;
    }

    /**
     * @throws IllegalArgumentException when the inputs or states do not hold {@code batch} times their size
     * @throws IllegalStateException    after {@link #close()}, or when ONNX Runtime fails to run the model
     */
    @Override
    public Stepped forecast(float[] inputs, int batch, int steps, float[] states) {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(states, "states");
        if (stateSize == 0) {
            return Forecaster.super.forecast(inputs, batch, steps, states);
        }
        if (batch < 0 || steps < 1) {
            throw new IllegalArgumentException("batch and steps: expected at least 0 and 1, found " + batch + " and "
                    + steps);
        }
        requireLength("inputs", inputs, (long) batch * steps * stepFloats, "batch * steps * features = " + batch
                + " * " + steps + " * " + stepFloats);
        requireLength("states", states, (long) batch * stateSize, "batch * stateSize = " + batch + " * " + stateSize);
        return whileOpen(() -> batch == 0 ? new Stepped(new float[0], new float[0])
                : run(inputs, batch, steps, states, true));
    }

    /**
     * @throws IllegalArgumentException when {@code windows} does not hold {@code batch * windowSize * features} floats
     * @throws IllegalStateException    after {@link #close()}, or when ONNX Runtime fails to run the model
     */
    @Override
    public float[] forecast(float[] windows, int batch) {
        Objects.requireNonNull(windows, "windows");
        if (batch < 0) {
            throw new IllegalArgumentException("batch: expected at least 0, found " + batch);
        }
        long expected = (long) batch * windowFloats;
        if (windows.length != expected) {
            throw new IllegalArgumentException("windows: expected batch * windowSize * features = " + batch + " * "
                    + spec.windowSize() + " * " + spec.features().size() + " = " + expected + " floats, found "
                    + windows.length);
        }
        return whileOpen(() -> {
            if (batch == 0) {
                return new float[0];
            }
            // a model with a state input starts window mode from zeros, which is what its training saw
            float[] zeros = stateSize == 0 ? null : new float[batch * stateSize];
            return run(windows, batch, spec.windowSize(), zeros, false).forecasts();
        });
    }

    /** Runs {@code work} unless the model is closed; close waits for it, since both take the lock. */
    private <T> T whileOpen(Supplier<T> work) {
        Lock read = lock.readLock();
        read.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("model is closed");
            }
            return work.get();
        } finally {
            read.unlock();
        }
    }

    private Stepped run(float[] inputs, int batch, int steps, float[] states, boolean wantStates) {
        long[] shape = {batch, steps, stepFloats};
        Map<String, OnnxTensor> feeds = new HashMap<>(2);
        try {
            feeds.put(ModelSpec.INPUT_NAME, OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs), shape));
            if (states != null) {
                feeds.put(ModelSpec.STATE_INPUT_NAME, OnnxTensor.createTensor(env, FloatBuffer.wrap(states),
                        new long[] {batch, stateDims[0], stateDims[1]}));
            }
            Set<String> outputs = wantStates ? Set.of(ModelSpec.OUTPUT_NAME, ModelSpec.STATE_OUTPUT_NAME)
                    : Set.of(ModelSpec.OUTPUT_NAME);
            try (OrtSession.Result result = opened.session().run(feeds, outputs)) {
                float[] forecasts = output(result, ModelSpec.OUTPUT_NAME, (long) batch * forecastFloats,
                        "batch * horizon * targets");
                float[] next = wantStates ? output(result, ModelSpec.STATE_OUTPUT_NAME, (long) batch * stateSize,
                        "batch * stateSize") : null;
                return new Stepped(forecasts, next);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not run model " + path + " on a batch of " + batch
                    + " x " + steps + " step(s): " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private float[] output(OrtSession.Result result, String name, long expected, String layout) {
        OnnxValue value = result.get(name).orElseThrow(() -> new IllegalStateException(
                "model " + path + " returned no output '" + name + "'"));
        if (!(value instanceof OnnxTensor tensor)) {
            throw new IllegalStateException("model " + path + " output '" + name + "': expected a tensor, found "
                    + value.getType());
        }
        FloatBuffer buffer = tensor.getFloatBuffer();
        if (buffer.remaining() != expected) {
            throw new IllegalStateException("model " + path + " output '" + name + "': expected " + layout + " = "
                    + expected + " floats, found " + buffer.remaining());
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static void requireLength(String name, float[] values, long expected, String layout) {
        if (values.length != expected) {
            throw new IllegalArgumentException(name + ": expected " + layout + " = " + expected + " floats, found "
                    + values.length);
        }
    }

    /** Releases the session; waits for forecasts in flight. Calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Lock write = lock.writeLock();
        write.lock();
        try {
            opened.close();
        } finally {
            write.unlock();
        }
        LOG.info("Closed model {} version {}", path, modelVersion);
    }

    private static byte[] readBytes(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidModelSpecException("model file " + path + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidModelSpecException("model file " + path + " could not be read: " + e, e);
        }
        if (bytes.length == 0) {
            throw new InvalidModelSpecException("model file " + path + " is empty");
        }
        return bytes;
    }

    private static String versionOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
        }
    }
}
