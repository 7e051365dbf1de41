package dev.vigil.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code server.properties} of a one-node KRaft cluster run as a process: broker and controller in one node, a
 * single-node dynamic quorum (formatted with {@code --standalone}), every internal topic with one replica, on two
 * local ports chosen once so that a restarted broker is found where it was.
 */
record BrokerNodeConfig(String host, int brokerPort, int controllerPort, Path dataDir) {

    static final String HOST = "127.0.0.1";

    /** Picks two free local ports. */
    static BrokerNodeConfig onFreePorts(Path dataDir) throws IOException {
        return new BrokerNodeConfig(HOST, freePort(), freePort(), dataDir);
    }

    String bootstrapServers() {
        return host + ":" + brokerPort;
    }

    /** The file's text, one {@code key=value} a line, sorted by key. */
    String properties() {
        Map<String, Object> config = new TreeMap<>(InJvmBroker.BROKER_CONFIG);
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":"
                + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("log.dirs", dataDir.toString());
        config.put("num.partitions", "1");
        StringBuilder text = new StringBuilder();
        config.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
