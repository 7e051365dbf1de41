package dev.vigil.streamer.state;

import dev.vigil.spec.ModelSpec;
import dev.vigil.streamer.scoring.AlertState;
import dev.vigil.streamer.scoring.Severity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compact binary form of {@link SeriesState} kept in the state store and its changelog: fixed-width numbers, no
 * field names. A stored state whose dimensions differ from the current model's (another W, F, H, T or history size)
 * is not decoded: the series starts over with a fresh state, as documented for model changes.
 */
public final class SeriesStateCodec {

    private static final byte VERSION = 3;
    /** Layout before counter rates: read, with no counter history. */
    private static final byte VERSION_1 = 1;
    /** Layout before stateful inference: read, with no LSTM state (it is derived from the window). */
    private static final byte VERSION_2 = 2;

    /** Version, five dimensions, last timestamp, ring head and count. */
    private static final int HEAD = 1 + 5 * 4 + 8 + 4 + 4;

    private final int windowSize;
    private final int features;
    private final int horizon;
    private final int targets;
    private final int errorHistory;

    public SeriesStateCodec(int windowSize, int features, int horizon, int targets, int errorHistory) {
        this.windowSize = windowSize;
        this.features = features;
        this.horizon = horizon;
        this.targets = targets;
        this.errorHistory = errorHistory;
    }

    /** The codec for {@code spec}'s dimensions, keeping {@code errorHistory} smoothed errors per series. */
    public static SeriesStateCodec forModel(ModelSpec spec, int errorHistory) {
        return new SeriesStateCodec(spec.windowSize(), spec.features().size(), spec.horizon(), spec.targets().size(),
                errorHistory);
    }

    /**
     * About how much heap one decoded state takes, for a model carrying {@code stateSize} floats of LSTM state: its
     * encoded size with a 64-byte id and no labels, plus the objects' headers and the cache's entry.
     */
    public long heapEstimate(int stateSize) {
        return maxSize(64, 0, stateSize) + 512L;
    }

    public SeriesState fresh() {
        return new SeriesState(windowSize, features, horizon, targets, errorHistory);
    }

    /**
     * The largest encoding for a series id of {@code idBytes} UTF-8 bytes holding {@code maxLabels} labels: the
     * documented per-series bound (labels are cut to {@value SeriesState#MAX_LABEL_LENGTH} characters, at most 3
     * UTF-8 bytes each).
     */
    public int maxSize(int idBytes, int maxLabels) {
        return maxSize(idBytes, maxLabels, 0);
    }

    /** {@link #maxSize(int, int)} for a model that carries {@code stateSize} floats of LSTM state per series. */
    public int maxSize(int idBytes, int maxLabels, int stateSize) {
        int label = 2 * (2 + SeriesState.MAX_LABEL_LENGTH * 3);
        return 1 + 5 * 4 + 8 + 4 + 4 + windowSize * features * 8 + (windowSize + 7) / 8
                + 8 + horizon * targets * 8 + targets * 8
                + 8 + 4 + errorHistory * 4
                + 1 + 4 + 4 + 4 + idBytes + 21 + 1 + 8 + 8
                + 2 + maxLabels * label + 8 + features * 8
                + lstmSize(stateSize);
    }

    private int lstmSize(int stateSize) {
        return 8 + 4 + 4 + 4 + stateSize * 4 + (stateSize > 0 ? features * 16 : 0);
    }

    public byte[] encode(SeriesState s) {
        byte[] id = s.alert.anomalyId() == null ? null : s.alert.anomalyId().getBytes(StandardCharsets.UTF_8);
        int labelBytes = 0;
        for (Map.Entry<String, String> e : s.labels.entrySet()) {
            labelBytes += 4 + utf8(e.getKey()).length + utf8(e.getValue()).length;
        }
        int historySize = s.errors.size();
        ByteBuffer b = ByteBuffer.allocate(1 + 5 * 4 + 8 + 4 + 4 + s.ring.length * 8 + (windowSize + 7) / 8
                + 8 + s.forecast.length * 8 + s.forecastScale.length * 8
                + 8 + 4 + historySize * 4
                + 1 + 4 + 4 + 4 + (id == null ? 0 : id.length) + 1 + 8 + 8
                + 2 + labelBytes + 8 + features * 8 + lstmSize(s.lstm.length));
        b.put(VERSION).putInt(windowSize).putInt(features).putInt(horizon).putInt(targets).putInt(errorHistory);
        b.putLong(s.lastTs).putInt(s.head).putInt(s.count);
        putDoubles(b, s.ring);
        byte[] bits = new byte[(windowSize + 7) / 8];
        for (int i = 0; i < windowSize; i++) {
            if (s.filled[i]) {
                bits[i / 8] |= (byte) (1 << (i % 8));
            }
        }
        b.put(bits);
        b.putLong(s.forecastOrigin);
        putDoubles(b, s.forecast);
        putDoubles(b, s.forecastScale);
        b.putDouble(s.smoothedError).putInt(historySize);
        s.errors.writeTo(b.asFloatBuffer());
        b.position(b.position() + historySize * 4);
        AlertState a = s.alert;
        b.put((byte) (a.open() ? 1 : 0)).putInt(a.overCount()).putInt(a.quietCount());
        b.putInt(id == null ? -1 : id.length);
        if (id != null) {
            b.put(id);
        }
        b.put((byte) (a.severity() == null ? -1 : a.severity().ordinal())).putLong(a.openedAtMillis())
                .putDouble(a.peakScore());
        b.putShort((short) s.labels.size());
        for (Map.Entry<String, String> e : s.labels.entrySet()) {
            putString(b, e.getKey());
            putString(b, e.getValue());
        }
        b.putLong(s.counterTs);
        putDoubles(b, s.counterRaw);
        b.putLong(s.lstmTs).putInt(s.lstmModel).putInt(s.stepsSinceDerive).putInt(s.lstm.length);
        b.asFloatBuffer().put(s.lstm);
        b.position(b.position() + s.lstm.length * 4);
        if (s.lstm.length > 0) {
            for (int f = 0; f < features; f++) {
                b.putDouble(s.stepMean[f]).putDouble(s.stepScale[f]);
            }
        }
        return b.array();
    }

    /**
     * Whether the stored state is warm but its forecast is older than its newest point: its series was queued for a
     * forecast that was not made yet. Reads the fixed-width head only; false for a state this codec would not decode.
     */
    public boolean awaitsForecast(byte[] bytes) {
        if (bytes == null || bytes.length < HEAD) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (readVersion(b) < 0) {
            return false;
        }
        long lastTs = b.getLong();
        b.getInt(); // head
        int count = b.getInt();
        int originAt = b.position() + windowSize * features * 8 + (windowSize + 7) / 8;
        return count >= windowSize && bytes.length >= originAt + 8 && b.getLong(originAt) != lastTs;
    }

    /** The stored state, or a fresh one when there is none or it was made for other dimensions. */
    public SeriesState decode(byte[] bytes) {
        if (bytes == null) {
            return fresh();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = readVersion(b);
        if (version < 0) {
            return fresh();
        }
        SeriesState s = fresh();
        s.lastTs = b.getLong();
        s.head = b.getInt();
        s.count = b.getInt();
        getDoubles(b, s.ring);
        byte[] bits = new byte[(windowSize + 7) / 8];
        b.get(bits);
        for (int i = 0; i < windowSize; i++) {
            s.filled[i] = (bits[i / 8] & (1 << (i % 8))) != 0;
        }
        s.forecastOrigin = b.getLong();
        getDoubles(b, s.forecast);
        getDoubles(b, s.forecastScale);
        s.smoothedError = b.getDouble();
        int historySize = b.getInt();
        s.errors.load(b.asFloatBuffer(), historySize);
        b.position(b.position() + historySize * 4);
        boolean open = b.get() == 1;
        int over = b.getInt();
        int quiet = b.getInt();
        int idLength = b.getInt();
        String id = null;
        if (idLength >= 0) {
            byte[] idBytes = new byte[idLength];
            b.get(idBytes);
            id = new String(idBytes, StandardCharsets.UTF_8);
        }
        byte severity = b.get();
        s.alert = new AlertState(open, over, quiet, id, severity < 0 ? null : Severity.values()[severity],
                b.getLong(), b.getDouble());
        int labelCount = b.getShort();
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < labelCount; i++) {
            labels.put(getString(b), getString(b));
        }
        s.labels = Map.copyOf(labels);
        if (version >= VERSION_2) {
            s.counterTs = b.getLong();
            getDoubles(b, s.counterRaw);
        }
        if (version >= VERSION) {
            s.lstmTs = b.getLong();
            s.lstmModel = b.getInt();
            s.stepsSinceDerive = b.getInt();
            s.lstm = new float[b.getInt()];
            b.asFloatBuffer().get(s.lstm);
            b.position(b.position() + s.lstm.length * 4);
            if (s.lstm.length > 0) {
                for (int f = 0; f < features; f++) {
                    s.stepMean[f] = b.getDouble();
                    s.stepScale[f] = b.getDouble();
                }
            }
        }
        return s;
    }

    /**
     * Reads the version and the five dimensions: the version when this codec reads that layout for these dimensions,
     * else -1. Leaves {@code b} after the dimensions.
     */
    private byte readVersion(ByteBuffer b) {
        byte version = b.get();
        boolean known = version == VERSION || version == VERSION_1 || version == VERSION_2;
        // & not &&: all five are read, so the buffer stands after the dimensions either way
        boolean same = b.getInt() == windowSize & b.getInt() == features & b.getInt() == horizon
                & b.getInt() == targets & b.getInt() == errorHistory;
        return known && same ? version : -1;
    }

    /** Bulk copies: a state is mostly arrays, and element-wise puts and gets were a tenth of a record's CPU. */
    private static void putDoubles(ByteBuffer b, double[] values) {
        b.asDoubleBuffer().put(values);
        b.position(b.position() + values.length * 8);
    }

    private static void getDoubles(ByteBuffer b, double[] values) {
        b.asDoubleBuffer().get(values);
        b.position(b.position() + values.length * 8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer b, String s) {
        byte[] bytes = utf8(s);
        b.putShort((short) bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort() & 0xFFFF];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
