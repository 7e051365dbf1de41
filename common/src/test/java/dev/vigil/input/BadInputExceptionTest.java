package dev.vigil.input;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The refusal every input parser throws: its parts are readable without parsing the message. */
class BadInputExceptionTest {

    @Test
    void partsAreKeptApart() {
        BadInputException e = new BadInputException("values.cpu", "\"high\"", "a finite JSON number");

        assertEquals("values.cpu", e.field(), "field()");
        assertEquals("\"high\"", e.value(), "value()");
        assertEquals("a finite JSON number", e.expected(), "expected()");
    }

    @Test
    void theMessageNamesFieldValueAndExpectation() {
        BadInputException e = new BadInputException("ts", "-1", Timestamps.EXPECTED);

        assertEquals("field 'ts': found -1, expected " + Timestamps.EXPECTED, e.getMessage(),
                "one line for logs: field, value found, what was expected");
    }

    @Test
    void theParserFillsTheParts() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> MetricPointParser.parse("{\"ts\": 1, \"values\": {\"cpu\": \"high\"}}"), "a string feature");

        assertEquals("values.cpu", e.field(), "the field is the feature's path");
        assertEquals("\"high\"", e.value(), "the value is the JSON text found");
        assertEquals("a finite JSON number", e.expected(), "what a feature value must be");
    }
}
