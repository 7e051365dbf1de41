package dev.vigil.streamer.metrics;

import dev.vigil.spec.ModelSpec;
import dev.vigil.spec.OnnxModelSpecReader;
import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.ExecutionProvider;
import dev.vigil.streamer.inference.Forecaster;
import dev.vigil.streamer.output.AnomalyEvent;
import dev.vigil.streamer.output.ScoreRecord;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The golden model's spec, records to feed the hooks, and a registry on a clock the test moves. */
final class MeterFixtures {

    static final ModelSpec SPEC = goldenSpec();
    static final String VERSION = "sha256:0123456789ab";

    private MeterFixtures() {
    }

    static MetricsKeys.Settings series(List<String> allow, int top) {
        return new MetricsKeys.Settings(0, allow, top);
    }

    static VigilMeters bound(SimpleMeterRegistry registry, MetricsKeys.Settings series) {
        VigilMeters meters = new VigilMeters(SPEC, VERSION, ExecutionProvider.CPU, series);
        meters.bindTo(registry);
        return meters;
    }

    static SimpleMeterRegistry registry(MockClock clock) {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }

    /** A scored point of the golden model (one target, {@code value}). */
    static ScoreRecord scored(String series, long ts, double score) {
        return new ScoreRecord(series, ts, ScoreRecord.SCORED, null, null, Map.of("value", 10.0),
                Map.of("value", 9.0), Map.of("value", 1.0), Map.of("value", 8.0), Map.of("value", 12.0), 1.5, 1.2,
                score, 2.5, score > 0.5, 1, null, VERSION);
    }

    static AnomalyEvent event(String eventId, String type, String severity) {
        return new AnomalyEvent(eventId, type, eventId.substring(0, eventId.indexOf(':')), severity, 0, 0, 0.8, 0.8,
                2.0, Map.of(), List.of(), VERSION);
    }

    static Forecaster goldenForecaster() {
        return new Forecaster() {
            @Override
            public ModelSpec spec() {
                return SPEC;
            }

            @Override
            public String modelVersion() {
                return VERSION;
            }

            @Override
            public float[] forecast(float[] windows, int batch) {
                return new float[batch * SPEC.horizon() * SPEC.targets().size()];
            }
        };
    }

    private static ModelSpec goldenSpec() {
        try (InputStream in = MeterFixtures.class.getResourceAsStream("/golden/model.onnx")) {
            if (in == null) {
                throw new IllegalStateException("test resource /golden/model.onnx is missing");
            }
            return OnnxModelSpecReader.read(in.readAllBytes(), "/golden/model.onnx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
