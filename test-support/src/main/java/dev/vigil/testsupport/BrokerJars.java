package dev.vigil.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path of a broker run as a child process: the jars that this module's build copies into
 * {@code target/kafka-broker-lib} (kafka_2.13, its runtime dependencies and an SLF4J binding), found beside this
 * module's classes or jar, or in the folder named by the system property {@value #LIB_PROPERTY}.
 */
final class BrokerJars {

    /** System property naming the folder of broker jars, when they are not beside this module's classes. */
    static final String LIB_PROPERTY = "vigil.test.kafka.broker.lib";
    static final String LIB_DIR_NAME = "kafka-broker-lib";

    private BrokerJars() {
    }

    /** The broker's jars joined with the platform's path separator, for the child's {@code CLASSPATH}. */
    static String classPath() {
        Path dir = libDir();
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the broker jars in " + dir, e);
        }
        if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("kafka_2.13-"))) {
            throw new IllegalStateException("expected the kafka_2.13 jar in " + dir + ", found " + jars.size()
                    + " other jars; " + howToFix());
        }
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    static Path libDir() {
        String configured = System.getProperty(LIB_PROPERTY);
        Path dir = configured != null ? Path.of(configured) : besideThisModule();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no broker jars: " + dir + " does not exist; " + howToFix());
        }
        return dir;
    }

    /** {@code target/kafka-broker-lib} beside {@code target/classes} or the module's jar in {@code target/}. */
    private static Path besideThisModule() {
        try {
            Path location = Path.of(BrokerJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.getParent().resolve(LIB_DIR_NAME);
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the test-support classes were loaded from; set "
                    + LIB_PROPERTY, e);
        }
    }

    private static String howToFix() {
        return "build the test-support module in the same reactor (mvn -pl <module> -am ...), whose "
                + "process-classes phase copies them, or set -D" + LIB_PROPERTY + "=<folder of broker jars>";
    }
}
