package dev.vigil.streamer.config;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvironmentMappingTest {

    @Test
    void vigilVariablesMapToVigilKeys() {
        assertEquals(Optional.of("vigil.batch.max.size"), EnvironmentMapping.keyFor("VIGIL_BATCH_MAX_SIZE"));
        assertEquals(Optional.of("vigil.model.path"), EnvironmentMapping.keyFor("VIGIL_MODEL_PATH"));
    }

    @Test
    void kafkaVariablesMapToKafkaKeys() {
        assertEquals(Optional.of("bootstrap.servers"), EnvironmentMapping.keyFor("VIGIL_KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(Optional.of("sasl.jaas.config"), EnvironmentMapping.keyFor("VIGIL_KAFKA_SASL_JAAS_CONFIG"));
        assertEquals(Optional.of("producer.linger.ms"), EnvironmentMapping.keyFor("VIGIL_KAFKA_PRODUCER_LINGER_MS"));
    }

    @Test
    void otherAndReservedVariablesMapToNothing() {
        assertEquals(Optional.empty(), EnvironmentMapping.keyFor("PATH"));
        assertEquals(Optional.empty(), EnvironmentMapping.keyFor("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(Optional.empty(), EnvironmentMapping.keyFor("VIGIL_JAVA_OPTS"));
        assertEquals(Optional.empty(), EnvironmentMapping.keyFor("VIGIL_KAFKA_"));
    }

    @Test
    void everyDeclaredKeyRoundTripsThroughItsVariable() {
        for (String key : VigilConfig.configDef().names()) {
            assertEquals(Optional.of(key), EnvironmentMapping.keyFor(EnvironmentMapping.variableFor(key)), key);
        }
        assertEquals("VIGIL_BATCH_MAX_SIZE", EnvironmentMapping.variableFor("vigil.batch.max.size"));
        assertEquals("VIGIL_KAFKA_APPLICATION_ID", EnvironmentMapping.variableFor("application.id"));
    }
}
