package dev.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.regex.Pattern;

/**
 * CPU time of one Kafka Streams app's stream threads alone (not its clients' network threads, the probe or GC): what
 * the app's own per-record work costs, for comparing the bulk input with the latency phase's trickle.
 */
final class StreamThreadCpu {

    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+$");

    private StreamThreadCpu() {
    }

    /** Summed CPU nanoseconds of the live stream threads of the app whose client ids start with {@code appId}. */
    static long nanos(String appId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(appId)
                    && STREAM_THREAD.matcher(info.getThreadName()).matches()) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }
}
