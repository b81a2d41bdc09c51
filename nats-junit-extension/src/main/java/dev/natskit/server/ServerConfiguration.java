package dev.natskit.server;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the configuration file that a server is started with, the same for every backend.
 *
 * <p>The store directory is a top-level {@code store_dir} rather than a key of a {@code jetstream} block, because
 * nats-server keeps only the last value of a repeated key: a {@code jetstream { ... }} block among the test's
 * extra lines replaces the rendered block, but leaves a top-level store directory in force.
 */
final class ServerConfiguration {

    /**
     * The address and ports the server binds. A port of -1 lets the server pick a free one, which is how a binary
     * server first starts. A restart passes the ports it had, so that clients and the other nodes find it again.
     */
    record Listeners(String host, int clientPort, int monitoringPort) {}

    /**
     * The {@code cluster} block of a cluster node.
     *
     * @param name the cluster name, the same on every node
     * @param port the cluster listen port, or -1 to let the server pick one
     * @param routes the route URLs of the other nodes, such as {@code nats://127.0.0.1:40850}
     */
    record Cluster(String name, int port, List<String> routes) {
        Cluster {
            routes = List.copyOf(routes);
        }
    }

    private ServerConfiguration() {}

    /**
     * Renders the configuration.
     *
     * @param cluster the cluster block, or null for a server outside any cluster
     */
    static String render(
            String serverName,
            Listeners listeners,
            boolean jetStream,
            String storeDirectory,
            Cluster cluster,
            List<String> extraLines) {
        StringBuilder text = new StringBuilder()
                .append("# Rendered by natskit for one test server.\n")
                .append("server_name: ")
                .append(quote(serverName))
                .append('\n')
                .append("listen: ")
                .append(quote(listeners.host() + ":" + listeners.clientPort()))
                .append('\n')
                .append("http: ")
                .append(quote(listeners.host() + ":" + listeners.monitoringPort()))
                .append('\n');
        if (jetStream) {
            text.append("store_dir: ")
                    .append(quote(storeDirectory))
                    .append('\n')
                    .append("jetstream: enabled\n");
        }
        if (cluster != null) {
            text.append(renderCluster(cluster));
        }
        if (!extraLines.isEmpty()) {
            text.append("# Lines added by the test.\n");
            extraLines.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static String renderCluster(Cluster cluster) {
        String routes =
                cluster.routes().stream().map(ServerConfiguration::quote).collect(Collectors.joining(", "));
        return "cluster {\n"
                + "  name: " + quote(cluster.name()) + "\n"
                + "  listen: " + quote("127.0.0.1:" + cluster.port()) + "\n"
                + "  routes: [" + routes + "]\n"
                + "}\n";
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
