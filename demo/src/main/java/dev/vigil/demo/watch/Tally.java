package dev.vigil.demo.watch;

import java.util.Map;

/**
 * What the streamer has written so far, counted from its output topics.
 *
 * @param scores            score records, one per input point
 * @param warmingUp         of which for points of series still warming up
 * @param anomalousPoints   scored points above their threshold
 * @param deadLetters       records dead-lettered
 * @param deadLetterReasons dead letters by reason
 * @param lastScoredTs      latest event time scored (epoch ms), or 0
 * @param opened            anomalies opened
 * @param resolved          anomalies resolved
 */
public record Tally(long scores, long warmingUp, long anomalousPoints, long deadLetters,
                    Map<String, Long> deadLetterReasons, long lastScoredTs, long opened, long resolved) {

    public static final Tally EMPTY = new Tally(0, 0, 0, 0, Map.of(), 0, 0, 0);

    public Tally {
        deadLetterReasons = Map.copyOf(deadLetterReasons);
    }

    /** Points scored against a forecast (past their series' warm-up). */
    public long scored() {
        return scores - warmingUp;
    }

    /** Input points the streamer is done with: scored, warming up, or dead-lettered. */
    public long handled() {
        return scores + deadLetters;
    }

    /** Anomalies open now. */
    public long open() {
        return opened - resolved;
    }
}
