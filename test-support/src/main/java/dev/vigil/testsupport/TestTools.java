package dev.vigil.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds the real programs some integration tests need (Prometheus, Alertmanager, kcat), installing them with the project's
 * own script ({@code scripts/install-test-tools.sh}, Debian packages) when they are missing.
 */
public final class TestTools {

    private static final List<Path> BIN_DIRS = List.of(Path.of("/usr/bin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/bin"));

    private TestTools() {
    }

    /** The Prometheus server binary. */
    public static Path prometheus() {
        return require("prometheus");
    }

    /** The Alertmanager binary (Debian names it prometheus-alertmanager). */
    public static Path alertmanager() {
        return require("prometheus-alertmanager", "alertmanager");
    }

    /** kcat, librdkafka's command-line producer and consumer: a Kafka client that is not Java. */
    public static Path kcat() {
        return require("kcat", "kafkacat");
    }

    private static synchronized Path require(String... names) {
        Path found = find(names);
        if (found != null) {
            return found;
        }
        install();
        found = find(names);
        if (found == null) {
            throw new IllegalStateException("none of " + List.of(names) + " found after running "
                    + script() + "; install Debian's prometheus and prometheus-alertmanager packages");
        }
        return found;
    }

    private static Path find(String... names) {
        for (String name : names) {
            for (Path dir : BIN_DIRS) {
                Path candidate = dir.resolve(name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static void install() {
        Path script = script();
        try {
            Process process = new ProcessBuilder("bash", script.toString()).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit " + process.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    /** The install script, found from the module directory the tests run in. */
    private static Path script() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("scripts").resolve("install-test-tools.sh");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("scripts/install-test-tools.sh not found above " + Path.of("").toAbsolutePath());
    }
}
