package dev.vigil.trainer.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over feature names, series ids, timestamps and values: the same history gives the same fingerprint. */
public final class HistoryFingerprint {

    private HistoryFingerprint() {
    }

    public static String of(History history) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (String feature : history.features()) {
            digest.update(feature.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        ByteBuffer buffer = ByteBuffer.allocate(16);
        for (Series series : history.series()) {
            digest.update(series.id().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            for (int i = 0; i < series.length(); i++) {
                buffer.clear();
                buffer.putLong(series.timestamps()[i]);
                digest.update(buffer.array(), 0, 8);
                for (int f = 0; f < series.featureCount(); f++) {
                    buffer.clear();
                    buffer.putDouble(series.value(i, f));
                    digest.update(buffer.array(), 0, 8);
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
