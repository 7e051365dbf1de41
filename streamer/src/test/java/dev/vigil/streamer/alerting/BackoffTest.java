package dev.vigil.streamer.alerting;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackoffTest {

    @Test
    void doublesFromHalfASecondUpToThirtySecondsAndStartsOverAfterASuccess() {
        Backoff backoff = Backoff.defaults();
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            delays.add(backoff.failed().toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L), delays);
        assertEquals(9, backoff.failures());

        backoff.reset();

        assertEquals(0, backoff.failures());
        assertEquals(Duration.ofMillis(500), backoff.failed());
    }

    @Test
    void refusesAMaximumBelowTheFirstDelay() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
