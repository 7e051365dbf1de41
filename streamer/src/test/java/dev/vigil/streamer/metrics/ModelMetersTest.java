package dev.vigil.streamer.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The served model as an info gauge and its calibrated thresholds. */
class ModelMetersTest {

    private final SimpleMeterRegistry registry = MeterFixtures.registry(new MockClock());

    ModelMetersTest() {
        MeterFixtures.bound(registry, MeterFixtures.series(List.of(), 10));
    }

    @Test
    void modelInfoCarriesTheModelsProvenanceAsTags() {
        Gauge info = registry.get("vigil.model.info").gauge();
        assertEquals(1.0, info.value());
        assertEquals(MeterFixtures.VERSION, info.getId().getTag("version"));
        assertEquals(MeterFixtures.SPEC.provenance().createdAt(), info.getId().getTag("trained_at"));
        assertEquals("8", info.getId().getTag("window"));
        assertEquals("3", info.getId().getTag("horizon"));
        assertEquals("value,flag", info.getId().getTag("features"));
        assertEquals("value", info.getId().getTag("targets"));
        assertEquals("cpu", info.getId().getTag("provider"));
    }

    @Test
    void calibratedThresholdsExistPerQuantileAndHorizonStep() {
        assertEquals(3 * 3, registry.find("vigil.model.calibrated.threshold").gauges().size(),
                "3 quantiles x 3 steps");
        for (int q = 0; q < 3; q++) {
            for (int h = 0; h < 3; h++) {
                double expected = MeterFixtures.SPEC.thresholds().at(q, h, 0);
                Gauge gauge = registry.get("vigil.model.calibrated.threshold")
                        .tags("quantile", MeterFixtures.SPEC.thresholds().quantiles().get(q).toString(),
                                "step", Integer.toString(h + 1)).gauge();
                assertEquals(expected, gauge.value(), 1e-12);
            }
        }
        assertEquals(3.6015629291534386, registry.get("vigil.model.calibrated.threshold")
                .tags("quantile", "0.99", "step", "1").gauge().value(), 1e-12);
    }
}
