package dev.vigil.streamer.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Type;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders {@code docs/configuration.md} from {@link VigilConfig}'s declarations, so the reference cannot drift from
 * the code. {@code ConfigDocs FILE} writes the file; without an argument the markdown goes to standard output.
 */
public final class ConfigDocs {

    /** How to regenerate the committed file, from the repository root. */
    public static final String REGENERATE = "./mvnw -q -o -B -pl streamer -am package -DskipTests && java -cp "
            + "streamer/target/vigil-streamer.jar " + ConfigDocs.class.getName() + " docs/configuration.md";

    private static final String INTRO = """
            # Configuration

            <!-- Generated from the declarations in VigilConfig by ConfigDocs; do not edit by hand. Regenerate with:
                 %s -->

            The streamer reads its configuration from four sources; a later source wins:

            1. the built-in defaults in the table below;
            2. a properties file (UTF-8): `bin/vigil-streamer --config streamer.properties`;
            3. environment variables, by the rule below;
            4. command-line overrides: `--set KEY=VALUE`, repeatable (`--set vigil.batch.max.size=512`).

            `bin/vigil-streamer --print-config` prints the effective configuration, with every default, and exits.
            Values of keys that look secret (`*password*`, `*secret*`, `*token*`, `*credential*`, `sasl.jaas.config`,
            `ssl.keystore.key`, ...) are shown as `[hidden]`. Relative paths are resolved against the working
            directory.

            ## Environment variables

            One rule maps environment variables to keys:

            - `VIGIL_<NAME>` sets `vigil.<name>`: the name in lower case, every `_` replaced by `.`
              (`VIGIL_BATCH_MAX_SIZE=512` sets `vigil.batch.max.size`).
            - `VIGIL_KAFKA_<NAME>` sets the Kafka key `<name>` by the same rule
              (`VIGIL_KAFKA_BOOTSTRAP_SERVERS` sets `bootstrap.servers`, `VIGIL_KAFKA_SECURITY_PROTOCOL` sets
              `security.protocol`). Kafka keys with capitals, `_` or `-` cannot be written this way: set them in the
              file or with `--set`.
            - `VIGIL_JAVA_OPTS` is not configuration: the launcher passes it to the JVM.

            A `vigil.*` key that is not in the table below, from any source, is an error that names the key, where it
            came from and the closest known key.

            ## Kafka Streams and its clients

            Every key without the `vigil.` prefix passes unchanged to Kafka Streams, and through it to its consumers,
            producers and admin client (`num.stream.threads`, `security.protocol`, `consumer.max.poll.records`, ...).
            Vigil sets the Kafka Streams defaults in the table below unless they are overridden; Kafka Streams checks
            every pass-through key at start.

            ## Checks

            A bad value stops the streamer at start with one line naming the key, the value and the reason (exit
            code 2). Beyond each key's valid values: `vigil.threshold.min.history` must not exceed
            `vigil.threshold.history`; the five topics must be distinct. The model is checked when it is loaded: a
            missing or invalid model file is an error too.

            ## Keys

            | key | environment variable | type | default | valid values | description |
            |---|---|---|---|---|---|
            """;

    private ConfigDocs() {
    }

    /** The whole of {@code docs/configuration.md}. */
    public static String markdown() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, INTRO, REGENERATE));
        for (ConfigKey key : VigilConfig.configDef().configKeys().values()) {
            text.append("| `").append(key.name).append("` | `").append(EnvironmentMapping.variableFor(key.name))
                    .append("` | ").append(key.type.name().toLowerCase(Locale.ROOT))
                    .append(" | ").append(defaultValue(key))
                    .append(" | ").append(cell(validValues(key)))
                    .append(" | ").append(cell(key.documentation)).append(" |\n");
        }
        return text.toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1) {
            Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
        } else {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(markdown());
        }
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "required";
        }
        return "`" + cell(ConfigDef.convertToString(key.defaultValue, key.type)) + "`";
    }

    private static String validValues(ConfigKey key) {
        if (key.type == Type.BOOLEAN) {
            return "true, false";
        }
        if (key.validator == null) {
            return "";
        }
        return key.validator.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
