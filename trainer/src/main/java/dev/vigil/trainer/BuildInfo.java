package dev.vigil.trainer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The trainer's version and source commit, stamped in at build time, for model provenance. */
public record BuildInfo(String version, String gitCommit) {

    private static final String UNKNOWN = "unknown";

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/vigil-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
        String version = clean(properties.getProperty("vigil.version"));
        String commit = clean(properties.getProperty("vigil.git.commit"));
        if (!UNKNOWN.equals(commit) && "true".equals(properties.getProperty("vigil.git.dirty"))) {
            commit = commit + "-dirty";
        }
        return new BuildInfo(version, commit);
    }

    private static String clean(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }
}
