package dev.vigil.streamer.input;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.vigil.streamer.input.InputExamples.TS;
import static dev.vigil.streamer.input.InputExamples.assertBad;
import static dev.vigil.streamer.input.InputExamples.bySeries;
import static dev.vigil.streamer.input.InputExamples.bytes;
import static dev.vigil.streamer.input.InputExamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

class InfluxLineDecoderTest {

    static final String EXPECTED_VALUE = "a finite float, an integer (3i), an unsigned integer (3u), a boolean";

    final PointDecoder perField = PointDecoders.of(InputFormat.INFLUX_LINE, DecoderOptions.defaults());
    final PointDecoder perMeasurement = PointDecoders.of(InputFormat.INFLUX_LINE,
            new DecoderOptions(SeriesIdRule.allLabels(), FeatureGrouping.MEASUREMENT, false));

    @Test
    void eachNumericFieldOfEachLineIsASeries() {
        List<DecodedPoint> points = perField.decode(null, bytes("influx-line.txt"));
        assertEquals(14, points.size(), "3 cpu + 3 disk + 3 net + 2 numeric system + 3 docker fields");
        assertEquals(1, perField.skipped().count(SkippedValues.Reason.NON_NUMERIC), "uptime_format is a string");
        Map<String, DecodedPoint> bySeries = bySeries(points);
        assertEquals(new DecodedPoint("cpu_usage_idle{cpu=cpu0,host=web-1}", TS, Map.of("value", 97.3),
                Map.of("cpu", "cpu0", "host", "web-1"), Set.of()), bySeries.get("cpu_usage_idle{cpu=cpu0,host=web-1}"));
        assertEquals(5.234055168E10,
                value(bySeries, "disk_free{device=nvme0n1p1,fstype=ext4,host=web-1,mode=rw,path=/}"), "an integer");
        assertEquals(9.18273645E8, value(bySeries, "net_bytes_recv{host=web-1,interface=eth0}"), "an unsigned integer");
        assertEquals(4.0, value(bySeries, "system_n_cpus{host=web-1}"));
        assertEquals(1.0, value(bySeries, "docker_container_status_running{container_name=my app,host=web-1}"),
                "true, with an escaped space in a tag value");
        assertEquals(0.0, value(bySeries, "docker_container_status_oomkilled{container_name=my app,host=web-1}"));
    }

    static double value(Map<String, DecodedPoint> bySeries, String series) {
        return bySeries.get(series).values().get("value");
    }

    @Test
    void groupedByMeasurementEachLineIsOneSeries() {
        List<DecodedPoint> points = perMeasurement.decode(null, bytes("influx-line.txt"));
        assertEquals(List.of("cpu{cpu=cpu0,host=web-1}", "disk{device=nvme0n1p1,fstype=ext4,host=web-1,mode=rw,path=/}",
                "net{host=web-1,interface=eth0}", "system{host=web-1}",
                "docker_container_status{container_name=my app,host=web-1}"),
                points.stream().map(DecodedPoint::series).toList());
        assertEquals(Map.of("load1", 0.42, "n_cpus", 4.0), points.get(3).values());
    }

    @Test
    void escapesAreUndoneAndStringsMayHoldSeparators() {
        DecodedPoint point = perMeasurement.decode(null, utf8("my\\ disk\\,io,mount\\=point=C:\\,data,k=a\\\\b "
                + "read\\ bytes=1,msg=\"a \\\"quoted\\\", spaced=value\",write\\=ops=2i 1767225600000000000")).get(0);
        assertEquals("my disk\\,io{k=a\\\\b,mount\\=point=C:\\,data}", point.series(),
                "the measurement is 'my disk,io'; the id rule escapes again");
        assertEquals(Map.of("mount=point", "C:,data", "k", "a\\b"), point.labels());
        assertEquals(Map.of("read bytes", 1.0, "write=ops", 2.0), point.values());
        assertEquals(1, perMeasurement.skipped().count(SkippedValues.Reason.NON_NUMERIC));
    }

    @Test
    void numberFormsBooleansBlankLinesCommentsAndLineEnds() {
        String record = "# written by hand\r\n\r\nm a=-1.5e3,b=.5,c=+4,d=-7i,e=18446744073709551615u,f=t,g=FALSE "
                + "1767225600123456789\r\n   \n";
        DecodedPoint point = perMeasurement.decode(null, utf8(record)).get(0);
        assertEquals(Map.of("a", -1500.0, "b", 0.5, "c", 4.0, "d", -7.0, "e", 1.8446744073709552E19, "f", 1.0,
                "g", 0.0), point.values());
        assertEquals(TS + 123, point.tsMillis(), "nanoseconds cut to milliseconds");
        assertEquals("m", point.series());
    }

    @Test
    void everyBadLineIsRefusedNamingItsNumber() {
        assertBad(perField, null, "value", "null", "one or more lines of InfluxDB line protocol");
        assertBad(perField, utf8(""), "value", "empty", "one or more lines");
        assertBad(perField, utf8("# only a comment\n"), "value", "# only a comment\n", "one or more lines");
        String first = "cpu,host=web-1 usage_idle=97.3 1767225600000000000\n";
        assertBad(perField, utf8(first + "cpu,host=web-1 usage_idle=97.3"), "line 2", "cpu,host=web-1 usage_idle=97.3",
                "a timestamp in epoch nanoseconds");
        assertBad(perField, utf8(first + "cpu,host=web-1 usage_idle=97.3 yesterday"), "line 2", "yesterday",
                "a timestamp in epoch nanoseconds");
        assertBad(perField, utf8("m x=1 -1767225600000000000"), "line 1", "-1767225600000000000", "non-negative");
        assertBad(perField, utf8("m x=1 9223372036854775808"), "line 1", "9223372036854775808", "whole");
        assertBad(perField, utf8("m x=1 17 18"), "line 1", "17 18", "a timestamp");
        assertBad(perField, utf8("cpu,host=web-1"), "line 1", "cpu,host=web-1", "a space, then fields");
        assertBad(perField, utf8("cpu,host=web-1 "), "line 1", "cpu,host=web-1 ", "fields after the measurement");
        assertBad(perField, utf8(",host=web-1 x=1 1"), "line 1", ",host=web-1 x=1 1", "a measurement name");
        assertBad(perField, utf8("cpu,host x=1 1"), "line 1", "host", "a tag key=value");
        assertBad(perField, utf8("cpu,host= x=1 1"), "line 1", "host=", "a tag key=value");
        assertBad(perField, utf8("cpu,=web-1 x=1 1"), "line 1", "=web-1", "a tag key=value");
        assertBad(perField, utf8("cpu x 1"), "line 1", "x", "a field key=value");
        assertBad(perField, utf8("cpu =1 1"), "line 1", "", "a field key=value");
        assertBad(perField, utf8("cpu x=1, 1"), "line 1", "", "a field key=value");
    }

    @Test
    void everyBadFieldValueIsRefusedNamingTheField() {
        assertBad(perField, utf8("cpu usage=abc 1"), "line 1", "usage=abc", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage= 1"), "line 1", "usage=", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=1.5.3 1"), "line 1", "usage=1.5.3", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=1.5i 1"), "line 1", "usage=1.5i", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=9223372036854775808i 1"), "line 1", "usage=9223372036854775808i",
                EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=-1u 1"), "line 1", "usage=-1u", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=18446744073709551616u 1"), "line 1", "usage=18446744073709551616u",
                EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=1e400 1"), "line 1", "usage=1e400", "a finite float");
        assertBad(perField, utf8("cpu usage=NaN 1"), "line 1", "usage=NaN", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu usage=yes 1"), "line 1", "usage=yes", EXPECTED_VALUE);
        assertBad(perField, utf8("cpu msg=\"open 1"), "line 1", "msg=\"open 1", "closed by a double quote");
    }
}
