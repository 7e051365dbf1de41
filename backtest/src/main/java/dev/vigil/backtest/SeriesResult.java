package dev.vigil.backtest;

import dev.vigil.streamer.evaluation.EventMatch;
import dev.vigil.streamer.evaluation.TimeRange;

import java.util.List;

/**
 * The backtest of one series.
 *
 * @param rows    the evaluated rows (from the series' {@code scoreFrom})
 * @param alerts  the anomaly ranges the streamer opened, OPENED to RESOLVED (or to the last row)
 * @param labels  the labeled ranges given for this series, possibly none
 * @param match   alerts against labels
 */
public record SeriesResult(String series, List<String> targets, List<RowResult> rows, List<TimeRange> alerts,
                           List<TimeRange> labels, EventMatch match) {
}
