package dev.vigil.streamer.scoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorHistoryTest {

    @Test
    void fillsOldestFirstUntilCapacity() {
        ErrorHistory history = ErrorHistory.empty(4);
        history.add(0.1f);
        history.add(0.2f);
        assertEquals(2, history.size(), "two errors added to a history of 4");
        assertEquals(4, history.capacity());
        assertEquals(0.1f, history.get(0), "index 0 is the oldest error");
        assertArrayEquals(new float[] {0.1f, 0.2f}, history.toArray(), "a partly filled history copies what it holds");
    }

    @Test
    void wrapsAroundDroppingTheOldest() {
        ErrorHistory history = ErrorHistory.empty(3);
        for (int i = 1; i <= 7; i++) {
            history.add(i);
        }
        assertEquals(3, history.size(), "size stays at capacity once full");
        assertArrayEquals(new float[] {5, 6, 7}, history.toArray(), "after 7 adds to a ring of 3 the newest 3 remain");
        assertEquals(5f, history.get(0), "get(0) is the oldest after wrapping");
        assertEquals(7f, history.get(2), "get(size - 1) is the newest after wrapping");
    }

    @Test
    void rebuildsFromStorageAndKeepsGoing() {
        ErrorHistory original = ErrorHistory.empty(3);
        for (int i = 1; i <= 5; i++) {
            original.add(i);
        }
        ErrorHistory rebuilt = ErrorHistory.of(original.toArray(), 3);
        assertArrayEquals(original.toArray(), rebuilt.toArray(), "a stored and rebuilt history holds the same errors");
        original.add(6);
        rebuilt.add(6);
        assertArrayEquals(original.toArray(), rebuilt.toArray(), "and behaves the same on the next add");
    }

    @Test
    void rebuildingWithASmallerCapacityKeepsTheNewest() {
        ErrorHistory history = ErrorHistory.of(new float[] {1, 2, 3, 4, 5}, 2);
        assertArrayEquals(new float[] {4, 5}, history.toArray(), "capacity lowered since storing: newest 2 kept");
        ErrorHistory larger = ErrorHistory.of(new float[] {1, 2}, 5);
        assertEquals(5, larger.capacity(), "capacity raised since storing");
        assertArrayEquals(new float[] {1, 2}, larger.toArray());
    }

    @Test
    void capacityOfOneHoldsTheNewestError() {
        ErrorHistory history = ErrorHistory.empty(1);
        history.add(1);
        history.add(2);
        assertArrayEquals(new float[] {2}, history.toArray(), "a ring of one keeps only the newest");
    }

    @Test
    void rejectsBadCapacityBadErrorsAndBadIndexes() {
        IllegalArgumentException capacity = assertThrows(IllegalArgumentException.class, () -> ErrorHistory.empty(0));
        assertTrue(capacity.getMessage().contains("capacity 0"), capacity.getMessage());
        ErrorHistory history = ErrorHistory.empty(2);
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> history.add(bad));
            assertTrue(e.getMessage().contains("finite value >= 0"), "error " + bad + ": " + e.getMessage());
        }
        assertEquals(0, history.size(), "rejected errors are not kept");
        assertThrows(IndexOutOfBoundsException.class, () -> history.get(0), "nothing held at index 0 yet");
    }

    @Test
    void writtenAndLoadedThroughABufferKeepsTheOrderOfAWrappedHistory() {
        ErrorHistory history = ErrorHistory.empty(3);
        for (int i = 1; i <= 5; i++) {
            history.add(i);
        }
        java.nio.FloatBuffer buffer = java.nio.FloatBuffer.allocate(3);
        history.writeTo(buffer);
        assertArrayEquals(new float[] {3, 4, 5}, buffer.array(), "oldest first, across the wrap");

        ErrorHistory smaller = ErrorHistory.empty(2);
        smaller.load(buffer.flip(), 3);
        assertArrayEquals(new float[] {4, 5}, smaller.toArray(), "only the newest errors that fit");
        assertThrows(IllegalArgumentException.class,
                () -> ErrorHistory.empty(2).load(java.nio.FloatBuffer.wrap(new float[] {1, -1}), 2));
    }
}
