package dev.vigil.streamer.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The score records of the crash loop, counted per input point (series and step): how many records each point has,
 * how many of them say {@code scored}, and which series went back to {@code warming_up} after being scored.
 */
final class CrashLoopScores {

    private static final int SHOWN = 10;

    private final CrashLoopTraffic traffic;
    private final int[][] records;
    private final int[][] scored;
    private final long[] firstScoredTs;
    private final List<JsonNode> warmingUp = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final long total;
    private final Map<String, Integer> index = new HashMap<>();

    CrashLoopScores(CrashLoopTraffic traffic, List<ConsumerRecord<String, String>> scores) {
        this.traffic = traffic;
        this.records = new int[traffic.seriesCount][traffic.steps];
        this.scored = new int[traffic.seriesCount][traffic.steps];
        this.firstScoredTs = new long[traffic.seriesCount];
        this.total = scores.size();
        Arrays.fill(firstScoredTs, Long.MAX_VALUE);
        List<String> ids = traffic.seriesIds();
        for (int s = 0; s < ids.size(); s++) {
            index.put(ids.get(s), s);
        }
        for (ConsumerRecord<String, String> r : scores) {
            JsonNode score = CrashLoopTopics.json(r.value());
            long ts = score.get("ts").asLong();
            long t = (ts - traffic.ts(0)) / CrashLoopTraffic.STEP;
            Integer s = index.get(r.key());
            if (s == null || t < 0 || t >= traffic.steps || ts != traffic.ts((int) t)) {
                unexpected.add(r.key() + "@" + ts);
                continue;
            }
            records[s][(int) t]++;
            if ("scored".equals(score.get("status").asText())) {
                scored[s][(int) t]++;
                firstScoredTs[s] = Math.min(firstScoredTs[s], ts);
            } else {
                warmingUp.add(score);
            }
        }
    }

    long total() {
        return total;
    }

    /** Score records beyond the first of their point. */
    long duplicates() {
        long distinct = 0;
        for (int[] series : records) {
            for (int n : series) {
                distinct += n > 0 ? 1 : 0;
            }
        }
        return total - unexpected.size() - distinct;
    }

    /** Records for a series or timestamp that was never written. */
    List<String> unexpected() {
        return unexpected.subList(0, Math.min(SHOWN, unexpected.size()));
    }

    /** Points without a record, and points after the first {@code window} of their series without a scored one. */
    List<String> missing(int window) {
        List<String> missing = new ArrayList<>();
        for (int s = 0; s < traffic.seriesCount; s++) {
            for (int t = 0; t < traffic.steps; t++) {
                if (records[s][t] == 0 || t >= window && scored[s][t] == 0) {
                    missing.add(traffic.seriesId(s) + "@step " + t + " (" + records[s][t] + " records)");
                }
            }
        }
        return missing;
    }

    /** Points with more or fewer than one record. */
    List<String> notExactlyOnce() {
        List<String> wrong = new ArrayList<>();
        for (int s = 0; s < traffic.seriesCount; s++) {
            for (int t = 0; t < traffic.steps; t++) {
                if (records[s][t] != 1) {
                    wrong.add(traffic.seriesId(s) + "@step " + t + ": " + records[s][t] + " records");
                }
            }
        }
        return wrong;
    }

    /** {@code warming_up} records later than the first {@code scored} record of their series. */
    List<String> warmUpRestarts() {
        List<String> restarts = new ArrayList<>();
        for (JsonNode w : warmingUp) {
            int s = index.get(w.get("series").asText());
            if (w.get("ts").asLong() > firstScoredTs[s]) {
                restarts.add(w.get("series").asText() + ": warming_up at " + w.get("ts").asLong()
                        + " (samples " + w.get("samples").asInt() + ") after its first scored point at "
                        + firstScoredTs[s]);
            }
        }
        return restarts;
    }

    static <T> List<T> firstFew(List<T> list) {
        return list.subList(0, Math.min(SHOWN, list.size()));
    }
}
