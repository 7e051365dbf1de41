package dev.vigil.streamer;

import java.util.Arrays;
import java.util.Locale;

/**
 * A value of a configuration key that takes one of a few names (an input format, an inference mode...): an enum
 * constant and the name it is configured by.
 */
public interface NamedChoice {

    /** The enum constant's own name. */
    String name();

    /** The name used in configuration, logs and metric tags: by default the constant's name in lower case. */
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The constant of {@code type} named {@code value}, ignoring case and surrounding blanks.
     *
     * @param what what the value chooses, for the error, e.g. {@code "input format"}
     * @throws IllegalArgumentException naming the accepted names and the one found
     */
    static <E extends Enum<E> & NamedChoice> E parse(Class<E> type, String what, String value) {
        E[] choices = type.getEnumConstants();
        if (value != null) {
            String wanted = value.trim();
            for (E choice : choices) {
                if (choice.id().equalsIgnoreCase(wanted)) {
                    return choice;
                }
            }
        }
        throw new IllegalArgumentException(what + ": expected one of "
                + Arrays.stream(choices).map(NamedChoice::id).toList() + ", found "
                + (value == null ? "null" : "'" + value + "'"));
    }
}
