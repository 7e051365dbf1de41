package dev.vigil.streamer.input;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesIdRuleTest {

    static Map<String, String> labels(String... keyValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return labels;
    }

    @Test
    void allLabelsSortedByKeyByDefault() {
        assertEquals("cpu{cpu=cpu0,host=web-1}",
                SeriesIdRule.allLabels().seriesId("cpu", labels("host", "web-1", "cpu", "cpu0")));
        assertEquals(SeriesIdRule.allLabels(), DecoderOptions.defaults().idRule(), "the default options' rule");
    }

    @Test
    void noLabelsIsTheMetricNameAlone() {
        assertEquals("up", SeriesIdRule.allLabels().seriesId("up", Map.of()));
    }

    @Test
    void onlyTheChosenLabelsFormTheId() {
        SeriesIdRule rule = SeriesIdRule.of(List.of("host", "job"));
        Map<String, String> labels = labels("instance", "10.0.0.7:9100", "job", "node", "host", "web-1");
        assertEquals("up{host=web-1,job=node}", rule.seriesId("up", labels));
        assertEquals("up{job=node}", rule.seriesId("up", labels("job", "node", "instance", "x")),
                "an id label the point lacks is left out");
        assertEquals("up", rule.seriesId("up", labels("instance", "x")), "no id label present: the name alone");
    }

    @Test
    void specialCharactersAreEscapedSoDifferentLabelSetsNeverShareAnId() {
        SeriesIdRule rule = SeriesIdRule.allLabels();
        String merged = rule.seriesId("m", labels("a", "1,b=2"));
        String split = rule.seriesId("m", labels("a", "1", "b", "2"));
        assertEquals("m{a=1\\,b\\=2}", merged);
        assertEquals("m{a=1,b=2}", split);
        assertNotEquals(merged, split);
        assertEquals("odd\\{name\\}{path=C:\\\\data}", rule.seriesId("odd{name}", labels("path", "C:\\data")));
    }

    @Test
    void aCustomSeparatorSitsBetweenPairsAndIsEscapedInside() {
        SeriesIdRule rule = new SeriesIdRule(List.of(), ";");
        assertEquals("cpu{cpu=cpu0;host=web\\;1}", rule.seriesId("cpu", labels("host", "web;1", "cpu", "cpu0")));
    }

    @Test
    void aSeparatorThatWouldMakeIdsAmbiguousIsRefused() {
        for (String separator : List.of("", "=", "}", "{", "\\")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SeriesIdRule(List.of(), separator));
            assertTrue(e.getMessage().contains("found '" + separator + "'"), e.getMessage());
        }
    }

    @Test
    void theIdLabelListIsCopied() {
        List<String> keys = new java.util.ArrayList<>(List.of("host"));
        SeriesIdRule rule = SeriesIdRule.of(keys);
        keys.add("cpu");
        assertEquals("cpu{host=web-1}", rule.seriesId("cpu", labels("host", "web-1", "cpu", "cpu0")));
    }
}
