package dev.vigil.spec;

/**
 * The per-series LSTM state of a model that has the optional {@link ModelSpec#STATE_INPUT_NAME} input and
 * {@link ModelSpec#STATE_OUTPUT_NAME} output: the graph takes and returns {@code [batch, rows, hidden]}, so one series
 * carries {@code rows * hidden} floats between records.
 *
 * <p>Rows 0 to {@code layers - 1} are each layer's hidden state h, bottom layer first; rows {@code layers} to
 * {@code rows - 1} are each layer's cell state c in the same order. All zeros is the state before any step, the one
 * window mode starts from.
 *
 * @param rows   {@code 2 * layers}
 * @param hidden the LSTM's state size
 */
public record StateShape(int rows, int hidden) {

    public StateShape {
        if (rows < 2 || rows % 2 != 0) {
            throw new IllegalArgumentException("state rows: expected an even number >= 2 (2 * layers), found " + rows);
        }
        if (hidden < 1) {
            throw new IllegalArgumentException("state hidden size: expected at least 1, found " + hidden);
        }
    }

    /** Stacked LSTM layers. */
    public int layers() {
        return rows / 2;
    }

    /** Floats of state one series carries: {@code rows * hidden}. */
    public int floats() {
        return rows * hidden;
    }
}
