package dev.vigil.spec;

/** A model file or its spec is unusable; the message names the field, the value found and what was expected. */
public class InvalidModelSpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidModelSpecException(String message) {
        super(message);
    }

    public InvalidModelSpecException(String message, Throwable cause) {
        super(message, cause);
    }

    static InvalidModelSpecException field(String field, Object value, String expected) {
        return new InvalidModelSpecException(
                "model spec field '" + field + "': found " + value + ", expected " + expected);
    }
}
