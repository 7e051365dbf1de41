package dev.vigil.streamer.evaluation;

/**
 * Event-level detection counts: a labeled range is a true positive when a flagged range overlaps it, a false
 * negative otherwise; a flagged range that overlaps no labeled range is a false positive. Counts add up over series.
 */
public record EventCounts(long truePositives, long falsePositives, long falseNegatives) {

    public static final EventCounts ZERO = new EventCounts(0, 0, 0);

    public EventCounts plus(EventCounts other) {
        return new EventCounts(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    /** TP / (TP + FP); 1 when nothing was flagged, as nothing flagged was wrong. */
    public double precision() {
        long flagged = truePositives + falsePositives;
        return flagged == 0 ? 1.0 : (double) truePositives / flagged;
    }

    /** TP / (TP + FN); 1 when nothing was labeled. */
    public double recall() {
        long labeled = truePositives + falseNegatives;
        return labeled == 0 ? 1.0 : (double) truePositives / labeled;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
