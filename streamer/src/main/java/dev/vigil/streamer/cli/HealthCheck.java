package dev.vigil.streamer.cli;

import dev.vigil.streamer.config.EnvironmentMapping;
import dev.vigil.streamer.config.MetricsKeys;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A container health check for images without curl: GETs the streamer's health endpoint, prints one line with the
 * answer, and exits 0 when it is {@code 200}, else 1.
 *
 * <pre>
 * java -cp /app/classes dev.vigil.streamer.cli.HealthCheck                # http://127.0.0.1:9464/health/ready
 * java -cp /app/classes dev.vigil.streamer.cli.HealthCheck /health/live   # another path on the same port
 * java -cp /app/classes dev.vigil.streamer.cli.HealthCheck http://host:9464/health/ready
 * </pre>
 *
 * The port is {@code VIGIL_METRICS_PORT} when the environment sets it (a container's health check sees the
 * container's environment), else the default 9464. It uses the JDK alone, so the streamer's classes are the whole
 * class path it needs and the JVM it starts stays small.
 */
public final class HealthCheck {

    static final String DEFAULT_PATH = "/health/ready";
    private static final int TIMEOUT_MS = 3_000;
    private static final int MAX_BODY = 512;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Checks once and returns the exit code: 0 when the endpoint answered 200, 1 otherwise, 2 for bad arguments. */
    static int run(String[] args, Map<String, String> environment, PrintStream out) {
        URI target;
        try {
            target = target(args, environment);
        } catch (IllegalArgumentException e) {
            out.println("usage: HealthCheck [PATH | URL]: " + e.getMessage());
            return 2;
        }
        try {
            HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int status = connection.getResponseCode();
            String body = body(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            connection.disconnect();
            out.println((status == 200 ? "healthy" : "unhealthy") + ": " + target + " answered " + status
                    + (body.isEmpty() ? "" : " " + body));
            return status == 200 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.println("unhealthy: " + target + " unreachable: " + e);
            return 1;
        }
    }

    /** The URL to check: the argument when it is one, else the path (default {@value #DEFAULT_PATH}) on this host. */
    static URI target(String[] args, Map<String, String> environment) {
        if (args.length > 1) {
            throw new IllegalArgumentException("expected at most one argument, found " + args.length);
        }
        String arg = args.length == 0 ? DEFAULT_PATH : args[0];
        if (arg.startsWith("http://") || arg.startsWith("https://")) {
            return URI.create(arg);
        }
        if (!arg.startsWith("/")) {
            throw new IllegalArgumentException("expected a path such as /health/live or an http:// URL, found '"
                    + arg + "'");
        }
        String variable = EnvironmentMapping.variableFor(MetricsKeys.PORT_CONFIG);
        String port = environment.getOrDefault(variable, Integer.toString(MetricsKeys.DEFAULT_PORT)).trim();
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException(variable + " is '" + port + "', not a port to check");
        }
        return URI.create("http://127.0.0.1:" + port + arg);
    }

    private static String body(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY);
            return new String(bytes, StandardCharsets.UTF_8).strip();
        }
    }
}
