package dev.natskit.server;

import io.nats.client.support.JsonParseException;
import io.nats.client.support.JsonParser;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads the JetStream meta group's state from each node's {@code /jsz} monitoring endpoint. */
final class ClusterMonitor {

    /** What one node reports about the meta group; {@code leader} is empty while it has no leader. */
    record MetaView(String serverName, String leader, List<Peer> replicas) {}

    /** A peer as a node reports it; only the leader's report of {@code current} is reliable. */
    record Peer(String name, boolean current, boolean offline) {}

    private final HttpClient client;
    private final Duration requestTimeout;

    ClusterMonitor(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    }

    /** Returns the node's view of the meta group, or empty when the node does not respond in time. */
    Optional<MetaView> view(LocalNatsServer node) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.monitoringUrl() + "/jsz"))
                    .timeout(requestTimeout)
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(parse(node.serverName(), response.body()));
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Returns the name of a running node that reports itself as the meta leader. */
    Optional<String> claimedLeader(List<LocalNatsServer> running) {
        for (LocalNatsServer node : running) {
            Optional<MetaView> view = view(node);
            if (view.isPresent() && view.get().leader().equals(node.serverName())) {
                return Optional.of(node.serverName());
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the meta leader when every running node names the same running leader, and the leader reports every
     * node of {@code required} other than itself as current.
     */
    Optional<String> readyLeader(List<LocalNatsServer> running, List<LocalNatsServer> required) {
        List<MetaView> views = new ArrayList<>();
        for (LocalNatsServer node : running) {
            Optional<MetaView> view = view(node);
            if (view.isEmpty() || view.get().leader().isEmpty()) {
                return Optional.empty();
            }
            views.add(view.get());
        }
        String leader = views.get(0).leader();
        if (views.stream().anyMatch(view -> !view.leader().equals(leader))) {
            return Optional.empty();
        }
        Optional<MetaView> leaderView =
                views.stream().filter(view -> view.serverName().equals(leader)).findFirst();
        if (leaderView.isEmpty()) {
            return Optional.empty();
        }
        for (LocalNatsServer node : required) {
            if (node.serverName().equals(leader)) {
                continue;
            }
            boolean current = leaderView.get().replicas().stream()
                    .anyMatch(peer -> peer.name().equals(node.serverName()) && peer.current() && !peer.offline());
            if (!current) {
                return Optional.empty();
            }
        }
        return Optional.of(leader);
    }

    /** Describes each running node's view, for timeout messages, such as {@code n1: leader n2, peers [n3 current]}. */
    String describe(List<LocalNatsServer> running) {
        if (running.isEmpty()) {
            return "no node is running";
        }
        return running.stream()
                .map(node -> node.serverName() + ": "
                        + view(node).map(ClusterMonitor::describe).orElse("no /jsz reply"))
                .collect(Collectors.joining("; "));
    }

    private static String describe(MetaView view) {
        String peers = view.replicas().stream()
                .map(peer -> peer.name() + (peer.offline() ? " offline" : peer.current() ? " current" : " behind"))
                .collect(Collectors.joining(", "));
        return (view.leader().isEmpty() ? "no leader" : "leader " + view.leader()) + ", peers [" + peers + "]";
    }

    static MetaView parse(String serverName, String json) throws JsonParseException {
        JsonValue meta = JsonParser.parse(json).map.get("meta_cluster");
        if (meta == null || meta.map == null) {
            return new MetaView(serverName, "", List.of());
        }
        String leader = text(meta.map.get("leader"));
        List<Peer> replicas = new ArrayList<>();
        JsonValue list = meta.map.get("replicas");
        if (list != null && list.array != null) {
            for (JsonValue replica : list.array) {
                replicas.add(new Peer(
                        text(replica.map.get("name")),
                        flag(replica.map.get("current")),
                        flag(replica.map.get("offline"))));
            }
        }
        return new MetaView(serverName, leader, List.copyOf(replicas));
    }

    private static String text(JsonValue value) {
        return value == null || value.string == null ? "" : value.string;
    }

    private static boolean flag(JsonValue value) {
        return value != null && Boolean.TRUE.equals(value.bool);
    }
}
