package dev.vigil.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two timestamp forms Vigil accepts: ISO-8601 (local date-times are UTC) and epoch milliseconds. */
class TimestampsTest {

    /** 2026-01-31T12:00:00Z in epoch milliseconds. */
    private static final long NOON = 1_769_860_800_000L;

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31T12:00:00Z", "2026-01-31T12:00:00.000Z", "2026-01-31T14:30:00+02:30",
            "2026-01-31T04:00:00-08:00", "2026-01-31T12:00:00", "2026-01-31T12:00:00+00:00", "\t2026-01-31T12:00Z\n"})
    void isoFormsOfTheSameInstantAgree(String text) {
        assertEquals(NOON, Timestamps.parseIso(text), "parseIso(\"" + text + "\")");
    }

    @Test
    void aLocalDateTimeIsReadAsUtc() {
        assertEquals(Timestamps.parseIso("2026-01-31T12:00:00Z"), Timestamps.parseIso("2026-01-31T12:00:00"),
                "no offset means UTC, never the machine's zone");
    }

    @Test
    void isoKeepsMilliseconds() {
        assertEquals(NOON + 7, Timestamps.parseIso("2026-01-31T12:00:00.007Z"), "7 ms after noon");
    }

    @Test
    void isoBeforeTheEpochIsRefusedLikeANegativeNumber() {
        assertNull(Timestamps.parseIso("1969-12-31T23:59:59Z"), "one second before the epoch is not epoch ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-01-31", "12:00:00", "2026-01-31 12:00:00",
            "2026-13-01T00:00:00Z", "1769860800000", "2026-01-31T12:00:00 UTC"})
    void textThatIsNotAnIsoDateTimeIsNull(String text) {
        assertNull(Timestamps.parseIso(text), "parseIso(\"" + text + "\") must be null, not a guess");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "+999999999-12-31T23:59:59+01:00",
            "+999999999-12-31T23:59:59"})
    void anIsoDateTimeOutsideEpochMillisRangeIsNull(String text) {
        assertNull(Timestamps.parseIso(text), "parseIso(\"" + text + "\") cannot be epoch milliseconds");
    }

    @Test
    void epochMillisAreParsed() {
        assertEquals(1_700_000_000_000L, Timestamps.parseEpochMillis("1700000000000"), "plain digits");
        assertEquals(0L, Timestamps.parseEpochMillis("0"), "the epoch itself");
        assertEquals(42L, Timestamps.parseEpochMillis(" 42 "), "surrounding blanks are trimmed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1e12", "", "abc", "2026-01-31T12:00:00Z", "99999999999999999999"})
    void textThatIsNotANonNegativeWholeNumberIsNotEpochMillis(String text) {
        assertNull(Timestamps.parseEpochMillis(text), "parseEpochMillis(\"" + text + "\") must be null");
    }

    @Test
    void theExpectationGivesAnExample() {
        assertTrue(Timestamps.EXPECTED.contains("epoch milliseconds") && Timestamps.EXPECTED.contains("ISO-8601"),
                "error messages must name both accepted forms; was <" + Timestamps.EXPECTED + ">");
    }
}
