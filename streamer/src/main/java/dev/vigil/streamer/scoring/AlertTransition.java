package dev.vigil.streamer.scoring;

import java.util.Objects;

/**
 * The result of one {@link AlertLifecycle} step.
 *
 * @param next  the state to keep for the series
 * @param event the event to publish, or {@code null} when there is none (most steps). For {@link EventType#OPENED}
 *              and {@link EventType#UPDATED}, {@code next} describes the anomaly; for {@link EventType#RESOLVED},
 *              {@code next} is {@link AlertState#initial()} and the state passed to the step describes it.
 */
public record AlertTransition(AlertState next, EventType event) {

    public AlertTransition {
        Objects.requireNonNull(next, "next");
    }

    /** No event: just the next state. */
    static AlertTransition quiet(AlertState next) {
        return new AlertTransition(next, null);
    }
}
