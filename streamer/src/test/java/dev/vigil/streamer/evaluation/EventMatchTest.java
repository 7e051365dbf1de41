package dev.vigil.streamer.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventMatchTest {

    @Test
    void aLabelOverlappedByAnyFlagIsDetectedAndFlagsOverlappingNoLabelAreFalse() {
        List<TimeRange> labels = List.of(new TimeRange(100, 200, "spike"), new TimeRange(500, 600, "shift"),
                new TimeRange(900, 950, "shift"));
        List<TimeRange> flags = List.of(new TimeRange(90, 110), new TimeRange(150, 160), new TimeRange(300, 310),
                new TimeRange(580, 700));

        EventMatch match = EventMatch.of(labels, flags);

        assertEquals(new EventCounts(2, 1, 1), match.counts(),
                "two labels overlapped, the flag at 300 overlaps none, the label at 900 was missed");
        assertEquals(0, match.labels().get(0).delay(), "a flag starting before the label has no delay");
        assertEquals(80, match.labels().get(1).delay(), "delay is from label start to the first overlapping flag");
        assertFalse(match.labels().get(2).detected());
        assertEquals(new EventCounts(1, 0, 0), match.countsByKind().get("spike"));
        assertEquals(new EventCounts(1, 0, 1), match.countsByKind().get("shift"));
    }

    @Test
    void precisionRecallAndF1FollowTheCounts() {
        EventCounts counts = new EventCounts(8, 2, 4);
        assertEquals(0.8, counts.precision(), 1e-12);
        assertEquals(8.0 / 12, counts.recall(), 1e-12);
        assertEquals(2 * 0.8 * (8.0 / 12) / (0.8 + 8.0 / 12), counts.f1(), 1e-12);
        assertEquals(new EventCounts(9, 2, 5), counts.plus(new EventCounts(1, 0, 1)));
        assertEquals(1.0, EventCounts.ZERO.precision(), "nothing flagged: nothing flagged wrongly");
    }

    @Test
    void consecutiveFlaggedPointsFormOneRange() {
        FlaggedRanges ranges = new FlaggedRanges();
        long[] ts = {1, 2, 3, 4, 5, 6, 7};
        boolean[] flags = {false, true, true, false, true, true, true};
        for (int i = 0; i < ts.length; i++) {
            ranges.add(ts[i], flags[i]);
        }
        assertEquals(List.of(new TimeRange(2, 3), new TimeRange(5, 7)), ranges.ranges(),
                "a range still open at the end ends at its last flagged point");
    }

    @Test
    void aRangeEndingBeforeItsStartIsRefused() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TimeRange(5, 4)).getMessage().contains("before its start"));
    }
}
