package dev.vigil.streamer.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vigil.spec.InvalidModelSpecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens an {@link OrtSession} on the requested execution provider, falling back from CUDA to CPU when allowed. */
final class OrtSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OrtSessions.class);

    private OrtSessions() {
    }

    /** A session and the options it was created with; closing it releases both. */
    record Opened(OrtSession session, OrtSession.SessionOptions sessionOptions, ExecutionProvider provider)
            implements AutoCloseable {

        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("ONNX Runtime could not close a session cleanly: {}", e.getMessage());
            } finally {
                sessionOptions.close();
            }
        }
    }

    /**
     * @throws IllegalStateException     when CUDA was asked for, cannot be used, and the fallback is off
     * @throws InvalidModelSpecException when ONNX Runtime refuses the model on CPU
     */
    static Opened open(OrtEnvironment env, byte[] model, String origin, InferenceOptions options) {
        if (options.provider() == ExecutionProvider.CUDA) {
            String reason;
            OrtSession.SessionOptions cuda = sessionOptions(options);
            try {
                cuda.addCUDA(0);
                try {
                    return new Opened(env.createSession(model, cuda), cuda, ExecutionProvider.CUDA);
                } catch (OrtException e) {
                    // The GPU build registers CUDA without touching a device; a missing GPU shows up only here.
                    reason = "could not start a CUDA session: " + e.getMessage();
                }
            } catch (OrtException e) {
                // The CPU build has no CUDA provider, or the GPU build cannot find CUDA's libraries.
                reason = e.getMessage();
            } catch (RuntimeException e) {
                cuda.close();
                throw e;
            }
            cuda.close();
            if (!options.cudaFallback()) {
                throw new IllegalStateException("CUDA execution provider requested for model " + origin
                        + " but not available (" + reason + ") and CUDA fallback is disabled: run with the GPU build"
                        + " of ONNX Runtime on a machine with CUDA, enable the fallback, or ask for the CPU provider");
            }
            LOG.warn("CUDA execution provider requested but not available ({}); falling back to CPU", reason);
        }
        OrtSession.SessionOptions cpu = sessionOptions(options);
        try {
            return new Opened(env.createSession(model, cpu), cpu, ExecutionProvider.CPU);
        } catch (OrtException e) {
            cpu.close();
            throw new InvalidModelSpecException("model " + origin + " could not be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            cpu.close();
            throw e;
        }
    }

    private static OrtSession.SessionOptions sessionOptions(InferenceOptions options) {
        OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
        try {
            sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            sessionOptions.setIntraOpNumThreads(options.intraOpThreads());
            sessionOptions.setInterOpNumThreads(1);
            return sessionOptions;
        } catch (OrtException e) {
            sessionOptions.close();
            throw new IllegalStateException("ONNX Runtime refused the session options " + options + ": "
                    + e.getMessage(), e);
        }
    }
}
