package dev.vigil.testsupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaTestClusterIT {

    @Test
    void producedRecordsComeBackFromARealBroker() {
        List<String> consumed = new ArrayList<>();
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopic("smoke", 2);
            List<RecordMetadata> written = kafka.produce(List.of(
                    new ProducerRecord<>("smoke", 0, "a", "one"),
                    new ProducerRecord<>("smoke", 1, "b", "two"),
                    new ProducerRecord<>("smoke", 0, "c", "three")));
            assertEquals(3, written.size(), "every record should be acknowledged");

            List<TopicPartition> partitions = List.of(new TopicPartition("smoke", 0), new TopicPartition("smoke", 1));
            Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
            try (KafkaConsumer<String, String> consumer =
                         new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (consumed.size() < 3 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        consumed.add(r.partition() + ":" + r.key() + "=" + r.value());
                    }
                }
            }
            assertDoesNotThrow(kafka::close, "first close stops the broker");
            assertDoesNotThrow(kafka::close, "close must be idempotent");
            assertThrows(IllegalStateException.class, kafka::bootstrapServers, "a closed cluster has no address");
        }
        consumed.sort(null);
        assertEquals(List.of("0:a=one", "0:c=three", "1:b=two"), consumed,
                "the consumer should read back exactly the produced records, with their partitions");
    }

    @Test
    void createTopicWaitsUntilEveryPartitionHasALeader() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopic("three", 3);
            var description = kafka.admin().describeTopics(List.of("three")).allTopicNames().get().get("three");
            assertEquals(3, description.partitions().size(), "topic should have the requested partitions");
            assertTrue(description.partitions().stream().allMatch(p -> p.leader() != null),
                    "every partition should have a leader when createTopic returns: " + description);
        }
    }
}
