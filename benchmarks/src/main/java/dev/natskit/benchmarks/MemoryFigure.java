package dev.natskit.benchmarks;

import dev.natskit.server.LocalNatsServer;
import dev.natskit.server.NatsServerOptions;
import dev.natskit.server.NatsServerStartException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * Figure 6: resident memory (VmRSS in {@code /proc/<pid>/status}) of idle servers with JetStream on, read once
 * they are ready: one server, and the sum over the three nodes of a cluster once it has a JetStream meta leader.
 */
final class MemoryFigure {

    static final String TITLE = "6. resident memory";

    private static final Pattern VM_RSS = Pattern.compile("^VmRSS:\\s+(\\d+)\\s+kB", Pattern.MULTILINE);
    private static final Pattern META_LEADER =
            Pattern.compile("\"meta_cluster\"\\s*:\\s*\\{[^}]*\"leader\"\\s*:\\s*\"[^\"]+\"");
    private static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(60);
    private static final int CLUSTER_SIZE = 3;
    private static final int START_ATTEMPTS = 3;

    private final BenchmarkEnvironment environment;
    private final HttpClient http = HttpClient.newHttpClient();

    MemoryFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/status"))) {
            String reason = "not measured: /proc/<pid>/status is not available on this system";
            return List.of(
                    new Row(TITLE, "3-node cluster", "MiB", Optional.empty(), Optional.empty(), reason),
                    new Row(TITLE, "single server", "MiB", Optional.empty(), Optional.empty(), reason));
        }
        return new Comparison(TITLE, "MiB")
                .subject("3-node cluster, sum of the nodes", this::cluster)
                .peer("single server", this::single)
                .run(settings.orQuick(1, 5));
    }

    private double single() throws IOException {
        try (LocalNatsServer server =
                LocalNatsServer.start(environment.serverOptions().build())) {
            return residentMebibytes(server);
        }
    }

    private double cluster() throws Exception {
        List<LocalNatsServer> nodes = startCluster();
        try {
            Awaitility.await("a JetStream meta leader on every node")
                    .atMost(CLUSTER_TIMEOUT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> everyNodeSeesMetaLeader(nodes));
            double total = 0;
            for (LocalNatsServer node : nodes) {
                total += residentMebibytes(node);
            }
            return total;
        } finally {
            nodes.forEach(LocalNatsServer::close);
        }
    }

    /**
     * Starts three nodes that route to one another. JetStream clustering needs the routes in each node's
     * configuration, so the cluster ports are reserved before any node starts.
     */
    private List<LocalNatsServer> startCluster() throws IOException {
        for (int attempt = 1; ; attempt++) {
            List<Integer> ports = freeLoopbackPorts(CLUSTER_SIZE);
            List<LocalNatsServer> nodes = new ArrayList<>();
            try {
                for (int port : ports) {
                    nodes.add(LocalNatsServer.start(clusterNode(port, ports)));
                }
                return nodes;
            } catch (NatsServerStartException e) {
                nodes.forEach(LocalNatsServer::close);
                // NOTE: another process may take a reserved port between its release and the node's bind; then
                // the start is tried again with new ports.
                boolean portTaken = e.getMessage().contains("address already in use");
                if (!portTaken || attempt == START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private NatsServerOptions clusterNode(int port, List<Integer> ports) {
        String routes = ports.stream()
                .map(route -> "\"nats-route://127.0.0.1:" + route + "\"")
                .collect(Collectors.joining(", "));
        return environment
                .serverOptions()
                .configLine("cluster {")
                .configLine("  name: \"natskit-benchmark\"")
                .configLine("  listen: \"127.0.0.1:" + port + "\"")
                .configLine("  routes: [" + routes + "]")
                .configLine("}")
                .build();
    }

    private boolean everyNodeSeesMetaLeader(List<LocalNatsServer> nodes) throws Exception {
        for (LocalNatsServer node : nodes) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.monitoringUrl() + "/jsz"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            String body =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (!META_LEADER.matcher(body).find()) {
                return false;
            }
        }
        return true;
    }

    private static double residentMebibytes(LocalNatsServer server) throws IOException {
        long pid = server.pid().orElseThrow(() -> new IllegalStateException(server + " is not running"));
        String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        Matcher matcher = VM_RSS.matcher(status);
        if (!matcher.find()) {
            throw new IllegalStateException("no VmRSS line in /proc/" + pid + "/status");
        }
        return Long.parseLong(matcher.group(1)) / 1024.0;
    }

    private static List<Integer> freeLoopbackPorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
