package dev.vigil.streamer.input;

import dev.vigil.input.BadInputException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * InfluxDB line protocol, one or more lines per record (Telegraf's Kafka output with {@code data_format = "influx"}).
 * Blank lines and {@code #} comments are ignored; any bad line refuses the whole record, naming {@code line <n>}.
 * String fields are skipped and counted. The key is ignored. See {@link LineProtocolParser} for the syntax.
 */
final class InfluxLineDecoder extends AgentDecoder {

    private static final String EXPECTED = "one or more lines of InfluxDB line protocol";

    InfluxLineDecoder(DecoderOptions options) {
        super(options);
    }

    @Override
    public List<DecodedPoint> decode(byte[] key, byte[] value) {
        if (value == null) {
            throw new BadInputException("value", "null", EXPECTED + " (the record has no value)");
        }
        String text = new String(value, StandardCharsets.UTF_8);
        List<LineProtocolParser.Line> lines = new ArrayList<>();
        String[] rows = text.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].endsWith("\r") ? rows[i].substring(0, rows[i].length() - 1) : rows[i];
            if (!row.isBlank() && !row.stripLeading().startsWith("#")) {
                lines.add(LineProtocolParser.parse(row.stripLeading(), i + 1));
            }
        }
        if (lines.isEmpty()) {
            throw new BadInputException("value", text.isEmpty() ? "empty" : JsonInput.abbreviate(text), EXPECTED);
        }
        List<DecodedPoint> points = new ArrayList<>();
        for (LineProtocolParser.Line line : lines) {
            for (int s = 0; s < line.stringFields(); s++) {
                skipped.add(SkippedValues.Reason.NON_NUMERIC);
            }
            points.addAll(MeasurementPoints.of(line.measurement(), line.tags(), line.fields(),
                    line.tsNanos() / 1_000_000, options));
        }
        return points;
    }
}
