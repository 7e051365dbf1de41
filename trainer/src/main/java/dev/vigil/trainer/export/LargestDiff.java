package dev.vigil.trainer.export;

/**
 * The largest |actual - expected| between two equally long arrays, and where it is. A NaN on either side counts as
 * an infinite difference, so it never passes a tolerance.
 *
 * @param maxAbsDiff the largest difference, 0 for empty arrays
 * @param index      its flat index (the first, on a tie)
 * @param actual     the actual value there
 * @param expected   the expected value there
 */
record LargestDiff(double maxAbsDiff, int index, float actual, float expected) {

    static LargestDiff of(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("expected arrays of equal length, found " + actual.length + " and "
                    + expected.length);
        }
        double max = 0;
        int worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double diff = Math.abs((double) actual[i] - expected[i]);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            if (diff > max) {
                max = diff;
                worst = i;
            }
        }
        return actual.length == 0 ? new LargestDiff(0, 0, 0f, 0f)
                : new LargestDiff(max, worst, actual[worst], expected[worst]);
    }

    boolean exceeds(double tolerance) {
        return maxAbsDiff > tolerance;
    }
}
