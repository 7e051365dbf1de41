package dev.vigil.streamer.output;

import com.fasterxml.jackson.core.io.NumberOutput;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Compact JSON written straight into a reused byte buffer, the same bytes as Jackson's generator with Vigil's
 * settings writes (its escapes, its fast double writer, non-finite numbers as strings), without the generator's
 * per-token bookkeeping, which was about half the cost of writing a score or forecast. Only what those two records
 * need: objects, arrays, strings, numbers, booleans and null. Not thread-safe: one per thread.
 */
final class JsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    /** Field names seen often (the models' target and feature names), encoded once. */
    private static final int MAX_CACHED_NAMES = 256;

    private final Map<String, byte[]> names = new HashMap<>();
    private byte[] buf = new byte[1024];
    private int len;
    private boolean comma;

    /** {@code "text":}, encoded: for field names known in advance. */
    static byte[] encodedName(String text) {
        JsonBytes json = new JsonBytes();
        json.quoted(text);
        json.put((byte) ':');
        return json.take();
    }

    void startObject() {
        separate();
        put((byte) '{');
        comma = false;
    }

    void endObject() {
        put((byte) '}');
        comma = true;
    }

    void startArray() {
        separate();
        put((byte) '[');
        comma = false;
    }

    void endArray() {
        put((byte) ']');
        comma = true;
    }

    /** A field name encoded with {@link #encodedName}. */
    void name(byte[] encoded) {
        separate();
        put(encoded, encoded.length);
        comma = false;
    }

    /** A field name given as text. */
    void name(String text) {
        byte[] encoded = names.get(text);
        if (encoded == null) {
            encoded = encodedName(text);
            if (names.size() < MAX_CACHED_NAMES) {
                names.put(text, encoded);
            }
        }
        name(encoded);
    }

    void string(String value) {
        separate();
        quoted(value);
        comma = true;
    }

    void number(long value) {
        separate();
        ensure(20);
        len = NumberOutput.outputLong(value, buf, len);
        comma = true;
    }

    void number(int value) {
        separate();
        ensure(11);
        len = NumberOutput.outputInt(value, buf, len);
        comma = true;
    }

    void number(double value) {
        if (NumberOutput.notFinite(value)) {
            string(NumberOutput.toString(value, true));
            return;
        }
        separate();
        ascii(NumberOutput.toString(value, true));
        comma = true;
    }

    private void ascii(String number) {
        int n = number.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) number.charAt(i); // digits, '.', '-', 'E': ASCII
        }
    }

    /** A number the model computed, as {@link ModelPrecision} writes it. */
    void modelNumber(double value) {
        if (!ModelPrecision.asFloat(value)) {
            number(value);
            return;
        }
        separate();
        ascii(NumberOutput.toString((float) value, true));
        comma = true;
    }

    void bool(boolean value) {
        separate();
        byte[] text = value ? TRUE : FALSE;
        put(text, text.length);
        comma = true;
    }

    void nul() {
        separate();
        put(NULL, NULL.length);
        comma = true;
    }

    /** The JSON written since the last take, leaving the buffer empty. */
    byte[] take() {
        byte[] out = Arrays.copyOf(buf, len);
        len = 0;
        comma = false;
        return out;
    }

    /** Forgets a record left half-written. */
    void reset() {
        len = 0;
        comma = false;
    }

    private void separate() {
        if (comma) {
            put((byte) ',');
        }
    }

    private void quoted(String s) {
        int n = s.length();
        ensure(n + 2);
        buf[len++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                ensure(1);
                buf[len++] = (byte) c;
            } else if (c < 0x80) {
                escape(c);
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c); // as Jackson writes them: each half escaped, not combined into 4 UTF-8 bytes
            } else if (c < 0x800) {
                ensure(2);
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else {
                ensure(3);
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        put((byte) '"');
    }

    /** Jackson's escapes of ASCII: the short forms where JSON has them, else backslash-u with upper-case hex. */
    private void escape(char c) {
        char shortForm = switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\f' -> 'f';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
        if (shortForm == 0) {
            unicodeEscape(c);
            return;
        }
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = (byte) shortForm;
    }

    private void unicodeEscape(char c) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] bytes, int n) {
        ensure(n);
        System.arraycopy(bytes, 0, buf, len, n);
        len += n;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
