package dev.vigil.trainer.data;

/**
 * One series of history, sorted by time, without duplicate timestamps.
 *
 * @param id           series id (file name without extension, or the Kafka record key)
 * @param timestamps   epoch milliseconds, strictly increasing
 * @param values       row-major {@code [timestamps.length][features]}: {@code values[i * features + f]}
 * @param featureCount F, the number of features per step
 */
public record Series(String id, long[] timestamps, double[] values, int featureCount) {

    public Series {
        if (values.length != (long) timestamps.length * featureCount) {
            throw new IllegalArgumentException("series '" + id + "': " + values.length + " values for "
                    + timestamps.length + " steps x " + featureCount + " features");
        }
    }

    public int length() {
        return timestamps.length;
    }

    public double value(int step, int feature) {
        return values[step * featureCount + feature];
    }
}
