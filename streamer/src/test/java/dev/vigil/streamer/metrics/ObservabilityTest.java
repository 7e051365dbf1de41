package dev.vigil.streamer.metrics;

import dev.vigil.streamer.config.MetricsKeys;
import dev.vigil.streamer.inference.ExecutionProvider;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wiring: endpoint on the configured port, Vigil's meters once a model is loaded, readiness reasons. */
class ObservabilityTest {

    @Test
    void notReadyUntilAModelIsLoadedAndKafkaStreamsRuns() {
        try (Observability observability = Observability.start(new MetricsKeys.Settings(0, List.of(), 10))) {
            assertTrue(observability.port() > 0);
            assertEquals("no model loaded yet", observability.whyNotReady());
            StreamerMetrics meters = observability.modelLoaded(MeterFixtures.goldenForecaster(),
                    ExecutionProvider.CPU);
            assertInstanceOf(VigilMeters.class, meters);
            assertEquals("Kafka Streams not created yet", observability.whyNotReady());
            assertEquals(1.0, observability.registry().get("vigil.model.info").gauge().value());
            assertTrue(observability.registry().find("jvm.memory.used").gauges().size() > 0, "JVM meters bound");
            IllegalStateException twice = assertThrows(IllegalStateException.class,
                    () -> observability.modelLoaded(MeterFixtures.goldenForecaster(), ExecutionProvider.CPU));
            assertTrue(twice.getMessage().contains("already loaded"), twice.getMessage());
        }
    }

    @Test
    void portMinusOneDisablesTheEndpointAndTheMeters() {
        try (Observability observability = Observability.start(new MetricsKeys.Settings(-1, List.of(), 10))) {
            assertEquals(-1, observability.port());
            assertSame(StreamerMetrics.NONE, observability.modelLoaded(MeterFixtures.goldenForecaster(),
                    ExecutionProvider.CPU));
        }
    }

    @Test
    void aPortInUseIsAConfigurationError() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            ConfigException e = assertThrows(ConfigException.class,
                    () -> Observability.start(new MetricsKeys.Settings(taken.getLocalPort(), List.of(), 10)));
            assertTrue(e.getMessage().contains(MetricsKeys.PORT_CONFIG), e.getMessage());
            assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
        }
    }
}
