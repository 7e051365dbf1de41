package dev.vigil.streamer.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vigil.streamer.config.ConfigLoader;
import dev.vigil.streamer.config.VigilConfig;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The repository's deployment files (compose, Kubernetes) and the build facts they must agree with. */
final class DeployFiles {

    static final Path ROOT = Path.of("..");
    static final Path COMPOSE = ROOT.resolve("deploy/compose");
    static final Path K8S = ROOT.resolve("deploy/k8s");
    static final YAMLMapper YAML = new YAMLMapper();

    /** Jib's default layout (exploded classes): what the compose health check puts on its class path. */
    static final String IMAGE_CLASSES = "/app/classes";

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::?-([^}]*))?}");

    private DeployFiles() {
    }

    static JsonNode yaml(Path file) {
        assertTrue(Files.isRegularFile(file), file + " does not exist");
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The project version, from the parent pom. */
    static String projectVersion() {
        return child(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "version");
    }

    /** A property of the parent pom. */
    static String parentProperty(String name) {
        Element properties = (Element) pom(ROOT.resolve("pom.xml")).getElementsByTagName("properties").item(0);
        return child(properties, name);
    }

    /** The text of every element named {@code tag} in a module's pom. */
    static List<String> pomValues(String module, String tag) {
        NodeList nodes = pom(ROOT.resolve(module).resolve("pom.xml")).getElementsByTagName(tag);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    /**
     * A compose value with {@code ${VAR:-default}} interpolated from {@code variables} (the .env file), falling
     * back to the default, as {@code docker compose} does.
     */
    static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String resolved = variables.getOrDefault(matcher.group(1), matcher.group(2));
            if (resolved == null) {
                fail("'" + value + "' uses " + matcher.group(1) + ", which has no value and no default");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        return matcher.appendTail(out).toString().replace("$$", "$");
    }

    /** KEY=VALUE lines, as compose reads its .env file. */
    static Map<String, String> dotEnv(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    int equals = trimmed.indexOf('=');
                    values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** Loads a streamer configuration as the CLI does: the file, then the environment, every key checked. */
    static VigilConfig streamerConfig(Path file, Map<String, String> environment) {
        return new ConfigLoader(environment).load(file, Map.of());
    }

    /** Whether {@code path} is {@code dir} or inside it (both absolute, in the container). */
    static boolean under(String path, String dir) {
        return Path.of(path).normalize().startsWith(Path.of(dir).normalize());
    }

    private static Document pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + file, e);
        }
    }

    private static String child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element.getTextContent().trim();
            }
        }
        throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
    }
}
