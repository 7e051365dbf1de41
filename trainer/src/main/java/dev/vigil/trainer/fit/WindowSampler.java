package dev.vigil.trainer.fit;

import java.util.SplittableRandom;

/** Seeded sampling of windows: the whole set shuffled, or a random subset without replacement. */
public final class WindowSampler {

    private WindowSampler() {
    }

    /** {@code limit} windows (all when {@code limit <= 0} or larger than the set), in random order. */
    public static long[] sample(long[] windows, int limit, SplittableRandom random) {
        int n = limit <= 0 ? windows.length : Math.min(limit, windows.length);
        long[] copy = windows.clone();
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(copy.length - i);
            long tmp = copy[i];
            copy[i] = copy[j];
            copy[j] = tmp;
        }
        if (n == copy.length) {
            return copy;
        }
        long[] out = new long[n];
        System.arraycopy(copy, 0, out, 0, n);
        return out;
    }
}
