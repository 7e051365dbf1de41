package dev.vigil.bench;

import dev.vigil.spec.ModelSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The benchmark's input: {@code series} seasonal series in Vigil's JSON format, with the model's features, one
 * point per model step. Step {@code i} of every series is written before step {@code i + 1} of any, as live
 * metrics arrive. Timestamps end before the wall clock, leaving room for the latency phase's fresh points.
 */
final class InputPoints {

    private static final String ID_PREFIX = "bench-";

    private final ModelSpec spec;
    private final int series;
    private final long firstTs;
    private final String[] ids;

    /**
     * @param stepsAhead steps per series the benchmark will still send after the bulk input (latency phase)
     */
    InputPoints(ModelSpec spec, int series, long bulkSteps, long stepsAhead) {
        this.spec = spec;
        this.series = series;
        this.firstTs = alignedNow(spec.stepMillis()) - (bulkSteps + stepsAhead + 1) * spec.stepMillis();
        this.ids = new String[series];
        for (int s = 0; s < series; s++) {
            ids[s] = seriesId(s);
        }
    }

    int series() {
        return series;
    }

    static String seriesId(int index) {
        return String.format(Locale.ROOT, ID_PREFIX + "%07d", index);
    }

    /** {@link #seriesId}, built once per series. */
    String id(int index) {
        return ids[index];
    }

    /** The index of the series whose id is {@code key} (UTF-8), or -1 when it is no benchmark series' id. */
    static int seriesIndex(byte[] key) {
        int digits = key == null ? 0 : key.length - ID_PREFIX.length();
        if (digits < 7 || digits > 9) {
            return -1;
        }
        for (int i = 0; i < ID_PREFIX.length(); i++) {
            if (key[i] != ID_PREFIX.charAt(i)) {
                return -1;
            }
        }
        int index = 0;
        for (int i = ID_PREFIX.length(); i < key.length; i++) {
            int digit = key[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            index = index * 10 + digit;
        }
        return index;
    }

    long timestamp(long step) {
        return firstTs + step * spec.stepMillis();
    }

    /** The step whose timestamp is {@code ts}. */
    long step(long ts) {
        return Math.floorDiv(ts - firstTs, spec.stepMillis());
    }

    /**
     * Point {@code step} of series {@code index}, as JSON bytes: a level per series, a 24-step cycle, a daily cycle of
     * 1,440 steps (a day of minutes) that moves the level of any window, and deterministic noise, so that windows
     * drift as real metrics' do and stateful mode has to re-derive states now and then.
     */
    byte[] value(int index, long step) {
        double phase = 2 * Math.PI * ((step + index) % 24) / 24.0;
        double level = 10 + index % 100 + 3 * Math.sin(2 * Math.PI * ((step + 37L * index) % 1440) / 1440.0)
                + noise(index, step);
        List<String> features = spec.features();
        StringBuilder json = new StringBuilder(64).append("{\"ts\":").append(timestamp(step));
        if (features.size() == 1 && features.get(0).equals("value")) {
            json.append(",\"value\":");
            appendFixed4(json, level + Math.sin(phase));
        } else {
            json.append(",\"values\":{");
            for (int f = 0; f < features.size(); f++) {
                json.append(f == 0 ? "" : ",").append('"').append(features.get(f)).append("\":");
                appendFixed4(json, level * (f + 1) + Math.sin(phase + f));
            }
            json.append('}');
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Roughly normal, standard deviation 0.5, the same for the same series and step in every run. */
    static double noise(int index, long step) {
        long h = index * 0x9E3779B97F4A7C15L + step * 0xC2B2AE3D27D4EB4FL;
        double sum = 0;
        for (int i = 0; i < 3; i++) {
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
            sum += (h >>> 11) * 0x1.0p-53 - 0.5;
        }
        return sum;
    }

    /** Produces steps {@code 0 .. steps-1} of every series to {@code topic}; returns the records written. */
    long produceBulk(String bootstrapServers, String topic, long steps) {
        long written = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrapServers, 20)) {
            for (long step = 0; step < steps; step++) {
                for (int s = 0; s < series; s++) {
                    producer.send(new ProducerRecord<>(topic, id(s), value(s, step)));
                    written++;
                }
            }
            producer.flush();
        }
        return written;
    }

    static KafkaProducer<String, byte[]> producer(String bootstrapServers, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.SEND_BUFFER_CONFIG, -1); // the operating system's, as for the latency probe's reads
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static long alignedNow(long stepMillis) {
        long now = System.currentTimeMillis();
        return now - now % stepMillis;
    }

    /**
     * {@code v} with four decimals, as {@code %.4f} writes it but for ties and negative zero, at a fraction of
     * {@link String#format}'s cost: the latency phase formats its points while it is being measured.
     */
    static void appendFixed4(StringBuilder json, double v) {
        long scaled = Math.round(v * 10_000);
        if (scaled < 0) {
            json.append('-');
            scaled = -scaled;
        }
        long fraction = scaled % 10_000;
        json.append(scaled / 10_000).append('.');
        for (long pad = 1_000; pad > 1 && fraction < pad; pad /= 10) {
            json.append('0');
        }
        json.append(fraction);
    }
}
