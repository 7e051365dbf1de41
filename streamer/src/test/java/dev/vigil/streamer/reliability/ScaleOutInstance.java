package dev.vigil.streamer.reliability;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One Kafka Streams instance of {@link ScaleOutIT}, watched: its state transitions, stream-thread crashes, what it
 * restored (records and time per changelog partition) and what its standby tasks loaded.
 */
final class ScaleOutInstance implements AutoCloseable {

    final String name;
    final KafkaStreams streams;
    final List<KafkaStreams.State> transitions = new CopyOnWriteArrayList<>();
    final List<Throwable> crashes = new CopyOnWriteArrayList<>();
    /** Restores finished since the last {@link #resetRestores()}: changelog partition to records and time. */
    final Map<TopicPartition, Restore> restores = new ConcurrentHashMap<>();
    final AtomicLong standbyRecords = new AtomicLong();
    private final Map<TopicPartition, Long> restoreStarted = new ConcurrentHashMap<>();

    /** What one changelog partition restored, from how far behind its end. */
    record Restore(long planned, long restored, long millis) {
    }

    ScaleOutInstance(String name, Topology topology, Properties props) {
        this.name = name;
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> transitions.add(now));
        streams.setUncaughtExceptionHandler(e -> {
            crashes.add(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            private final Map<TopicPartition, Long> planned = new ConcurrentHashMap<>();

            @Override
            public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                restoreStarted.put(partition, System.nanoTime());
                planned.put(partition, end - start);
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long restored) {
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long restored) {
                Long started = restoreStarted.remove(partition);
                long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
                restores.put(partition, new Restore(planned.getOrDefault(partition, -1L), restored, millis));
            }
        });
        streams.setStandbyUpdateListener(new StandbyUpdateListener() {
            @Override
            public void onUpdateStart(TopicPartition partition, String store, long startingOffset) {
            }

            @Override
            public void onBatchLoaded(TopicPartition partition, String store, TaskId task, long batchEndOffset,
                                      long batchSize, long currentEndOffset) {
                standbyRecords.addAndGet(batchSize);
            }

            @Override
            public void onUpdateSuspended(TopicPartition partition, String store, long storeOffset,
                                          long currentEndOffset, SuspendReason reason) {
            }
        });
    }

    void start() {
        streams.start();
    }

    Set<TaskId> activeTasks() {
        return tasks(ThreadMetadata::activeTasks);
    }

    Set<TaskId> standbyTasks() {
        return tasks(ThreadMetadata::standbyTasks);
    }

    boolean running() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    void resetRestores() {
        restores.clear();
    }

    long restoredRecords() {
        return restores.values().stream().mapToLong(Restore::restored).sum();
    }

    long longestRestoreMillis() {
        return restores.values().stream().mapToLong(Restore::millis).max().orElse(0);
    }

    @Override
    public String toString() {
        return name + " " + streams.state() + " active " + activeTasks() + " standby " + standbyTasks();
    }

    private Set<TaskId> tasks(Function<ThreadMetadata, Set<TaskMetadata>> kind) {
        Set<TaskId> ids = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            kind.apply(thread).forEach(t -> ids.add(t.taskId()));
        }
        return ids;
    }

    /** Closes as the CLI's runner does: a clean close that keeps the member in the group until its session ends. */
    @Override
    public void close() {
        // as the streamer's runner does on SIGTERM: leave the group so the partitions move at once
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
