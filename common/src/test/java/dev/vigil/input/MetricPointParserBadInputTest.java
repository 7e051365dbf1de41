package dev.vigil.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input records the parser refuses: each {@link BadInputException} names the field, the value and the expectation. */
class MetricPointParserBadInputTest {

    private static final String NUMBER = "a finite JSON number";

    @Test
    void aMissingTsIsRefused() {
        assertBad("{\"value\": 1}", "ts", "nothing", Timestamps.EXPECTED);
    }

    @Test
    void aNullTsIsRefused() {
        assertBad("{\"ts\": null, \"value\": 1}", "ts", "nothing", Timestamps.EXPECTED);
    }

    /** Values are given as the parser shows them: compact JSON, numbers as Jackson prints them. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "true", "1.7E12", "1.7000000000005E12", "\"yesterday\"", "\"2026-01-31\"",
            "\"1700000000000\"", "{\"ms\":1}", "[1]", "99999999999999999999"})
    void aTsThatIsNotEpochMillisOrIsoIsRefused(String ts) {
        assertBad("{\"ts\": " + ts + ", \"value\": 1}", "ts", ts, Timestamps.EXPECTED);
    }

    @Test
    void aFractionalTsIsRefused() {
        assertBad("{\"ts\": 1700000000000.5, \"value\": 1}", "ts", "1.7000000000005E12", Timestamps.EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59", "-999999999-01-01T00:00:00Z"})
    void anIsoTsOutsideEpochMillisRangeIsRefused(String ts) {
        assertBad("{\"ts\": \"" + ts + "\", \"value\": 1}", "ts", ts, Timestamps.EXPECTED);
    }

    @Test
    void anIsoTsBeforeTheEpochIsRefusedLikeANegativeNumber() {
        assertBad("{\"ts\": \"1969-12-31T23:59:59Z\", \"value\": 1}", "ts", "1969", Timestamps.EXPECTED);
    }

    @Test
    void aMissingValueIsRefused() {
        assertBad("{\"ts\": 1}", "value", "nothing", "'value': <number> or 'values': {<feature>: <number>}");
    }

    @Test
    void bothValueAndValuesAreRefused() {
        assertBad("{\"ts\": 1, \"value\": 1, \"values\": {\"cpu\": 2}}", "values", "both 'value' and 'values'",
                "exactly one of them");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1.5\"", "null", "true", "[1.5]", "{\"v\":1}"})
    void aValueThatIsNotANumberIsRefused(String value) {
        assertBad("{\"ts\": 1, \"value\": " + value + "}", "value", value, NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e999", "-1e999"})
    void aValueBeyondDoubleRangeIsRefused(String value) {
        assertBad("{\"ts\": 1, \"value\": " + value + "}", "value", "Infinity", NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "[1,2]", "3", "\"cpu\"", "null"})
    void valuesThatAreNotANonEmptyObjectAreRefused(String values) {
        assertBad("{\"ts\": 1, \"values\": " + values + "}", "values", values,
                "a non-empty object of feature name to number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"high\"", "null", "false", "{}"})
    void aFeatureValueThatIsNotANumberNamesTheFeature(String value) {
        assertBad("{\"ts\": 1, \"values\": {\"mem\": 1, \"cpu\": " + value + "}}", "values.cpu", value, NUMBER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"host=web-1\"", "[\"a\"]", "7"})
    void labelsThatAreNotAnObjectAreRefused(String labels) {
        assertBad("{\"ts\": 1, \"value\": 1, \"labels\": " + labels + "}", "labels", labels,
                "an object of string to string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"b\"}", "[\"x\"]", "null"})
    void aLabelValueThatIsNotTextIsRefusedByName(String label) {
        assertBad("{\"ts\": 1, \"value\": 1, \"labels\": {\"ok\": \"yes\", \"host\": " + label + "}}",
                "labels.host", label, "a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ts\": 1, \"value\": }", "{\"ts\": 1", "not json", "{'ts': 1, 'value': 1}",
            "{\"ts\": 1, \"value\": NaN}", "{\"ts\": 1, \"ts\": 2, \"value\": 1}"})
    void invalidJsonIsRefused(String json) {
        BadInputException e = assertBad(json, "value", json, "valid JSON (");
        assertTrue(e.expected().length() > "valid JSON ()".length(),
                "the parser's reason must be given; expected() was <" + e.expected() + ">");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"ts\": 1, \"value\": 1}{\"ts\": 2, \"value\": 2}", "{\"ts\": 1, \"value\": 1} trailing"})
    void contentAfterTheObjectIsRefused(String json) {
        assertBad(json, "value", "{\"ts\": 1", "valid JSON (");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"ts\": 1, \"value\": 1}]", "42", "\"text\"", "null", ""})
    void jsonThatIsNotAnObjectIsRefused(String json) {
        assertBad(json, "value", json, "a JSON object with 'ts' and 'value' or 'values'");
    }

    @Test
    void nullBytesAreARecordWithoutValue() {
        BadInputException e = assertThrows(BadInputException.class, () -> MetricPointParser.parse((byte[]) null),
                "a Kafka record with a null value (a tombstone)");
        assertEquals("value", e.field(), "field of a null record");
        assertEquals("null", e.value(), "value of a null record");
        assertEquals("a JSON object (the record has no value)", e.expected(), "expected of a null record");
    }

    @Test
    void aLongBadValueIsAbbreviated() {
        String json = "{\"ts\": 1, \"value\": \"" + "x".repeat(500) + "\"}";

        BadInputException e = assertBad(json, "value", "\"xxxx", NUMBER);
        assertEquals(80, e.value().length(), "values are cut to 80 characters for logs and headers");
        assertTrue(e.value().endsWith("..."), "a cut value ends with '...'; was <" + e.value() + ">");
    }

    /** Parses {@code json}, expecting a refusal whose field is exact and whose value and expectation hold the parts. */
    private static BadInputException assertBad(String json, String field, String valuePart, String expectedPart) {
        BadInputException e = assertThrows(BadInputException.class, () -> MetricPointParser.parse(json),
                "parse(" + json + ") must be refused");
        assertEquals(field, e.field(), "field named by the refusal of " + json + "; message <" + e.getMessage() + ">");
        assertTrue(e.value().contains(valuePart),
                "value() must show <" + valuePart + ">; was <" + e.value() + ">");
        assertTrue(e.expected().contains(expectedPart),
                "expected() must contain <" + expectedPart + ">; was <" + e.expected() + ">");
        assertTrue(e.getMessage().startsWith("field '" + field + "': found "),
                "the message must lead with the field; was <" + e.getMessage() + ">");
        return e;
    }
}
