package dev.vigil.trainer.data;

/**
 * History that cannot be trained on. The message names the file or topic, the row or offset, the field, the value
 * found and what was expected; the CLI prints it without a stack trace.
 */
public class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
