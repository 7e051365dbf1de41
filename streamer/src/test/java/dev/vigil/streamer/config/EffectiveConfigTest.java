package dev.vigil.streamer.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveConfigTest {

    @Test
    void listsEveryKeyWithDefaultsAndMasksSecrets() {
        VigilConfig config = new VigilConfig(Map.of("vigil.model.path", "m.onnx", "vigil.batch.max.size", "64",
                "sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p4ss\";",
                "ssl.truststore.password", "tr0st", "consumer.ssl.key.password", "k3y", "security.protocol", "SASL_SSL"));
        String text = EffectiveConfig.format(config);

        for (String key : VigilConfig.configDef().names()) {
            assertTrue(text.contains("\n" + key + "="), key + " missing from:\n" + text);
        }
        assertTrue(text.contains("\nvigil.batch.max.size=64\n"), text);
        assertTrue(text.contains("\nvigil.threshold.quantile=0.999\n"), text);
        assertTrue(text.contains("\nsecurity.protocol=SASL_SSL\n"), text);
        assertTrue(text.contains("\nsasl.jaas.config=[hidden]\n"), text);
        assertTrue(text.contains("\nssl.truststore.password=[hidden]\n"), text);
        assertTrue(text.contains("\nconsumer.ssl.key.password=[hidden]\n"), text);
        for (String secret : new String[] {"p4ss", "tr0st", "k3y"}) {
            assertFalse(text.contains(secret), "secret shown:\n" + text);
        }
    }

    @Test
    void recognisesSecretKeys() {
        for (String key : new String[] {"sasl.jaas.config", "ssl.key.password", "producer.ssl.keystore.password",
            "ssl.keystore.key", "basic.auth.user.info", "sasl.oauthbearer.client.secret", "MY_TOKEN"}) {
            assertTrue(EffectiveConfig.isSecret(key), key);
        }
        for (String key : new String[] {"bootstrap.servers", "vigil.model.path", "ssl.keystore.location",
            "security.protocol"}) {
            assertFalse(EffectiveConfig.isSecret(key), key);
        }
    }
}
