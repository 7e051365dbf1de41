package dev.vigil.input;

/**
 * One input value is unusable. Carries the field, the offending value and what was expected, so callers can put
 * them in an error message, a log line or dead-letter headers without parsing the message.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String expected;

    public BadInputException(String field, String value, String expected) {
        super("field '" + field + "': found " + value + ", expected " + expected);
        this.field = field;
        this.value = value;
        this.expected = expected;
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String expected() {
        return expected;
    }
}
