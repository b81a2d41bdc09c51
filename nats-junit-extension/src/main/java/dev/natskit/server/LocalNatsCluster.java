package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A JetStream cluster of nats-server processes started from a local binary, each a {@link LocalNatsServer} with a
 * {@code cluster} block, its own loopback ports and its own JetStream store.
 *
 * <p>Nodes start one after the other with {@code -1} for every listen port. Each node routes to the cluster ports
 * of the nodes started before it, read from their ports files; once all run, every node reloads its configuration
 * with routes to all the others, so that any node can later restart alone and find the rest. A restarted node keeps
 * its client, cluster and monitoring ports and its store. {@link #start} returns once the meta group has a leader
 * and every node is current with it, as each node's {@code /jsz} monitoring endpoint reports.
 *
 * <pre>{@code
 * try (LocalNatsCluster cluster = LocalNatsCluster.start(3, NatsServerOptions.defaults());
 *         Connection connection = cluster.connect()) {
 *     connection.jetStreamManagement().addStream(
 *             StreamConfiguration.builder().name("ORDERS").subjects("orders.>").replicas(3).build());
 *     cluster.streamLeader("ORDERS").kill();
 *     NatsServerHandle next = cluster.awaitStreamLeader("ORDERS", Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Instances are safe for use by several threads.
 */
public final class LocalNatsCluster implements NatsClusterHandle, AutoCloseable {

    /** Number of nodes when none is given. */
    public static final int DEFAULT_SIZE = 3;

    /**
     * Time a cluster gets to elect a meta leader and bring every node up to date, when none is given: enough for a
     * few election rounds of 4 to 9 seconds each.
     */
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOGGER = System.getLogger(LocalNatsCluster.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

    /** Time a request that only the system account may send gets before it counts as unanswered. */
    static final Duration SYSTEM_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final Duration readyTimeout;
    private final List<LocalNatsServer> nodes = new CopyOnWriteArrayList<>();
    private final ClusterEvents events = new ClusterEvents();
    private final ClusterMonitor monitor;
    private final Socket placeholder;
    private Connection control;
    private volatile boolean closed;

    private LocalNatsCluster(String name, Duration readyTimeout, Socket placeholder) {
        this.name = name;
        this.readyTimeout = readyTimeout;
        this.placeholder = placeholder;
        this.monitor = new ClusterMonitor(REQUEST_TIMEOUT);
    }

    /** Starts a cluster of {@link #DEFAULT_SIZE} nodes with default options and waits until it is ready. */
    public static LocalNatsCluster start() {
        return start(DEFAULT_SIZE, NatsServerOptions.defaults());
    }

    /** Starts a cluster and waits up to {@link #DEFAULT_READY_TIMEOUT} until it is ready. */
    public static LocalNatsCluster start(int size, NatsServerOptions nodeOptions) {
        return start(size, nodeOptions, DEFAULT_READY_TIMEOUT);
    }

    /**
     * Starts a cluster of {@code size} nodes, each with {@code nodeOptions}, and waits until the meta group has a
     * leader and every node is current with it.
     *
     * @param readyTimeout how long the cluster may take to become ready after the last node started, and how long
     *     the step-down methods wait for a new leader
     * @throws IllegalArgumentException if {@code size} is below 2 or JetStream is off in {@code nodeOptions}
     * @throws NatsServerStartException if a node fails to start or the cluster is not ready in time
     */
    public static LocalNatsCluster start(int size, NatsServerOptions nodeOptions, Duration readyTimeout) {
        Objects.requireNonNull(nodeOptions, "nodeOptions");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        if (size < 2) {
            throw new IllegalArgumentException("a cluster needs at least 2 nodes, but size was " + size
                    + ". For a single server, use LocalNatsServer.");
        }
        if (!nodeOptions.jetStream()) {
            throw new IllegalArgumentException("a LocalNatsCluster is a JetStream cluster and needs JetStream on in"
                    + " its node options. Remove jetStream(false).");
        }
        long startedAt = System.nanoTime();
        String name = "natskit-" + UUID.randomUUID().toString().substring(0, 8);
        LocalNatsCluster cluster = new LocalNatsCluster(name, readyTimeout, reserveRefusingPort());
        try {
            cluster.startNodes(size, nodeOptions);
            cluster.awaitReadyOrFail();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt);
        LOGGER.log(
                Level.INFO,
                () -> "nats-server cluster " + name + " of " + size + " nodes ready in " + millis + " ms: "
                        + String.join(", ", cluster.urls()));
        return cluster;
    }

    private void startNodes(int size, NatsServerOptions nodeOptions) {
        for (int i = 1; i <= size; i++) {
            String serverName = name + "-n" + i;
            LocalNatsServer node = LocalNatsServer.start(nodeOptions, serverName, new Membership(serverName));
            node.addLogListener(events::signal);
            nodes.add(node);
        }
        // The first nodes started with routes to the placeholder or to only some nodes; now every node routes to
        // all the others, and nothing routes to the placeholder any more.
        nodes.forEach(LocalNatsServer::reloadConfiguration);
        closePlaceholder();
    }

    private void awaitReadyOrFail() {
        try {
            awaitReady(readyTimeout);
        } catch (NatsServerException e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (LocalNatsServer node : nodes) {
                logs.append("\nLog of ").append(node.serverName()).append(" (last 20 lines):\n");
                node.logLines().stream()
                        .skip(Math.max(0, node.logLines().size() - 20))
                        .forEach(line -> logs.append("  ").append(line).append('\n'));
            }
            throw new NatsServerStartException(logs.toString().strip(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<NatsServerHandle> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public NatsServerHandle node(String serverName) {
        return findNode(serverName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "cluster " + name + " has no node named " + serverName + "; its nodes are " + nodeNames()));
    }

    @Override
    public List<String> urls() {
        return nodes.stream().map(LocalNatsServer::url).toList();
    }

    @Override
    public Connection connect() {
        return connect(new Options.Builder());
    }

    @Override
    public Connection connect(Options.Builder options) {
        try {
            return Nats.connect(options.servers(urls().toArray(String[]::new)).build());
        } catch (IOException e) {
            throw new NatsServerException("failed to connect to cluster " + name + " at " + urls() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while connecting to cluster " + name, e);
        }
    }

    @Override
    public NatsServerHandle metaLeader() {
        return metaLeaderOf(runningNodes())
                .orElseThrow(() -> new NatsServerException(
                        "cluster " + name + " has no meta leader at the moment: " + monitor.describe(runningNodes())));
    }

    @Override
    public NatsServerHandle streamLeader(String stream) {
        return leaderOf(streamLeaderName(stream), "stream " + stream);
    }

    @Override
    public NatsServerHandle consumerLeader(String stream, String consumer) {
        return leaderOf(consumerLeaderName(stream, consumer), "consumer " + consumer + " of stream " + stream);
    }

    @Override
    public NatsServerHandle awaitMetaLeader(Duration timeout) {
        return await("a meta leader that every running node is current with", timeout, () -> {
            List<LocalNatsServer> running = runningNodes();
            return monitor.readyLeader(running, running).flatMap(this::findNode);
        });
    }

    @Override
    public NatsServerHandle awaitNewMetaLeader(NatsServerHandle previous, Duration timeout) {
        return await(
                "a meta leader other than " + previous.serverName(),
                timeout,
                () -> metaLeaderOf(runningNodes()).filter(leader -> !leader.equals(previous)));
    }

    @Override
    public NatsServerHandle awaitStreamLeader(String stream, Duration timeout) {
        return await(
                "a leader of stream " + stream + " on a running node",
                timeout,
                () -> runningLeader(() -> streamLeaderName(stream)));
    }

    @Override
    public NatsServerHandle awaitNewStreamLeader(String stream, NatsServerHandle previous, Duration timeout) {
        return await(
                "a leader of stream " + stream + " other than " + previous.serverName(),
                timeout,
                () -> runningLeader(() -> streamLeaderName(stream)).filter(leader -> !leader.equals(previous)));
    }

    @Override
    public NatsServerHandle awaitNewConsumerLeader(
            String stream, String consumer, NatsServerHandle previous, Duration timeout) {
        return await(
                "a leader of consumer " + consumer + " of stream " + stream + " other than " + previous.serverName(),
                timeout,
                () -> runningLeader(() -> consumerLeaderName(stream, consumer))
                        .filter(leader -> !leader.equals(previous)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>NOTE: nats-server responds to this request only for users of the system account, and the control connection
     * of this cluster is not one, so this raises a {@link NatsServerException} after
     * {@link #SYSTEM_REQUEST_TIMEOUT} unless nats-server changes that rule.
     */
    @Override
    public NatsServerHandle stepDownMetaLeader() {
        NatsServerHandle previous = metaLeader();
        String subject = "$JS.API.META.LEADER.STEPDOWN";
        Message reply = send(subject, "the meta leader", SYSTEM_REQUEST_TIMEOUT);
        if (reply == null) {
            throw new NatsServerException("no reply to the step-down request for the meta leader on " + subject
                    + " within " + ServerText.duration(SYSTEM_REQUEST_TIMEOUT)
                    + ". nats-server responds to it only for users of the"
                    + " system account, and the cluster's control connection is not one. Make the meta leader fail"
                    + " instead: kill or pause it with metaLeader().kill() or metaLeader().pause().");
        }
        checkSuccess(reply, "the meta leader");
        return awaitNewMetaLeader(previous, readyTimeout);
    }

    @Override
    public NatsServerHandle stepDownStreamLeader(String stream) {
        NatsServerHandle previous = streamLeader(stream);
        request("$JS.API.STREAM.LEADER.STEPDOWN." + stream, "the leader of stream " + stream);
        return awaitNewStreamLeader(stream, previous, readyTimeout);
    }

    @Override
    public NatsServerHandle stepDownConsumerLeader(String stream, String consumer) {
        NatsServerHandle previous = consumerLeader(stream, consumer);
        request(
                "$JS.API.CONSUMER.LEADER.STEPDOWN." + stream + "." + consumer,
                "the leader of consumer " + consumer + " of stream " + stream);
        return awaitNewConsumerLeader(stream, consumer, previous, readyTimeout);
    }

    @Override
    public void restart(NatsServerHandle node) {
        requireNode(node).restart();
        awaitReady(readyTimeout);
    }

    @Override
    public void awaitReady(Duration timeout) {
        await(
                "every node running, a meta leader, every node current with it, and room for a stream on every node",
                timeout,
                () -> {
                    List<LocalNatsServer> running = runningNodes();
                    if (running.size() < nodes.size()) {
                        return Optional.empty();
                    }
                    return monitor.readyLeader(running, nodes).filter(leader -> canPlaceOnEveryNode());
                });
    }

    /**
     * Creates and deletes a memory stream with a replica on every node (at most 5). A meta leader that has not yet
     * received the other nodes' statistics, as seen with nats-server 2.10 right after the routes came up, counts
     * them as offline and rejects the placement with error 10005, although {@code /jsz} already reports them current.
     */
    private boolean canPlaceOnEveryNode() {
        String probe = "NATSKIT_READY_" + name.replaceAll("[^A-Za-z0-9]", "_");
        try {
            JetStreamManagement management = control().jetStreamManagement();
            management.addStream(StreamConfiguration.builder()
                    .name(probe)
                    .subjects("_natskit.ready." + probe)
                    .storageType(StorageType.Memory)
                    .replicas(Math.min(nodes.size(), 5))
                    .build());
            management.deleteStream(probe);
            return true;
        } catch (JetStreamApiException | IOException e) {
            return false;
        }
    }

    /** Stops every node and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeControl();
        closePlaceholder();
        RuntimeException failure = null;
        for (LocalNatsServer node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "LocalNatsCluster[" + name + ", " + nodeNames() + "]";
    }

    private Optional<NatsServerHandle> metaLeaderOf(List<LocalNatsServer> running) {
        return monitor.claimedLeader(running).flatMap(this::findNode);
    }

    private Optional<NatsServerHandle> runningLeader(LeaderLookup lookup) {
        try {
            return lookup.leaderName()
                    .flatMap(this::findNode)
                    .filter(leader -> leader.isRunning() && !leader.isPaused());
        } catch (NatsServerException e) {
            // The stream or consumer has no leader or cannot respond while an election goes on.
            return Optional.empty();
        }
    }

    private NatsServerHandle leaderOf(Optional<String> leaderName, String subject) {
        return leaderName
                .map(this::node)
                .orElseThrow(
                        () -> new NatsServerException(subject + " has no leader at the moment in cluster " + name));
    }

    private Optional<String> streamLeaderName(String stream) {
        try {
            ClusterInfo info = management().getStreamInfo(stream).getClusterInfo();
            return Optional.ofNullable(info).map(ClusterInfo::getLeader).filter(leader -> !leader.isEmpty());
        } catch (IOException | JetStreamApiException e) {
            throw new NatsServerException(
                    "failed to look up the leader of stream " + stream + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> consumerLeaderName(String stream, String consumer) {
        try {
            ClusterInfo info = management().getConsumerInfo(stream, consumer).getClusterInfo();
            return Optional.ofNullable(info).map(ClusterInfo::getLeader).filter(leader -> !leader.isEmpty());
        } catch (IOException | JetStreamApiException e) {
            throw new NatsServerException(
                    "failed to look up the leader of consumer " + consumer + " of stream " + stream + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private void request(String subject, String target) {
        Message reply = send(subject, target, readyTimeout);
        if (reply == null) {
            throw new NatsServerException("timed out after " + ServerText.duration(readyTimeout)
                    + " waiting for a reply to the step-down request for " + target + " on " + subject);
        }
        checkSuccess(reply, target);
    }

    private Message send(String subject, String target, Duration timeout) {
        try {
            return control().request(subject, null, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while asking " + target + " to step down", e);
        }
    }

    private static void checkSuccess(Message reply, String target) {
        String json = new String(reply.getData(), StandardCharsets.UTF_8);
        if (!json.contains("\"success\":true")) {
            throw new NatsServerException("the step-down request for " + target + " failed: " + json);
        }
    }

    private JetStreamManagement management() throws IOException {
        return control()
                .jetStreamManagement(JetStreamOptions.builder()
                        .requestTimeout(REQUEST_TIMEOUT)
                        .build());
    }

    private synchronized Connection control() {
        if (closed) {
            throw new IllegalStateException("cluster " + name + " is closed");
        }
        if (control == null) {
            // Short pings make the connection leave a paused node within about half a second; with the default
            // of 2 minutes, every lookup would time out while its node is paused.
            control = connect(new Options.Builder()
                    .connectionName("natskit-cluster-control")
                    .connectionTimeout(REQUEST_TIMEOUT)
                    .pingInterval(Duration.ofMillis(250))
                    .maxPingsOut(2)
                    .reconnectWait(Duration.ofMillis(100))
                    .maxReconnects(-1));
        }
        return control;
    }

    private <T> T await(String expectation, Duration timeout, Supplier<Optional<T>> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long seen = events.version();
                Optional<T> result = condition.get();
                if (result.isPresent()) {
                    return result.get();
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new NatsServerException("timed out after " + ServerText.duration(timeout) + " waiting for "
                            + expectation + " in cluster " + name + ". Last seen: " + monitor.describe(runningNodes()));
                }
                events.awaitChange(seen, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while waiting for " + expectation + " in cluster " + name, e);
        }
    }

    private List<LocalNatsServer> runningNodes() {
        return nodes.stream()
                .filter(node -> node.isRunning() && !node.isPaused())
                .toList();
    }

    private Optional<NatsServerHandle> findNode(String serverName) {
        return nodes.stream()
                .filter(node -> node.serverName().equals(serverName))
                .map(NatsServerHandle.class::cast)
                .findFirst();
    }

    private LocalNatsServer requireNode(NatsServerHandle node) {
        if (!(node instanceof LocalNatsServer local) || !nodes.contains(local)) {
            throw new IllegalArgumentException(
                    node + " is not a node of cluster " + name + "; its nodes are " + nodeNames());
        }
        return local;
    }

    private List<String> nodeNames() {
        return nodes.stream().map(LocalNatsServer::serverName).toList();
    }

    private synchronized void closeControl() {
        if (control == null) {
            return;
        }
        try {
            control.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            control = null;
        }
    }

    private void closePlaceholder() {
        try {
            placeholder.close();
        } catch (IOException e) {
            LOGGER.log(Level.DEBUG, () -> "failed to close the placeholder route socket: " + e);
        }
    }

    /**
     * Binds a loopback port without listening on it, so that a connection to it is refused and no other process
     * can take it while the socket is open. The first node routes to it, because JetStream refuses to start in a
     * cluster without a configured route, and the first node cannot know the cluster port of another node yet.
     */
    private static Socket reserveRefusingPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket;
        } catch (IOException e) {
            throw new NatsServerStartException("failed to bind a loopback port for the first node's route: " + e, e);
        }
    }

    @FunctionalInterface
    private interface LeaderLookup {
        Optional<String> leaderName();
    }

    /** The routes of one node: the cluster ports of all other nodes that have started, or the placeholder. */
    private final class Membership implements LocalNatsServer.ClusterMembership {
        private final String serverName;

        Membership(String serverName) {
            this.serverName = serverName;
        }

        @Override
        public String clusterName() {
            return name;
        }

        @Override
        public List<String> routes() {
            List<String> routes = new ArrayList<>();
            for (LocalNatsServer node : nodes) {
                if (!node.serverName().equals(serverName)) {
                    node.clusterUrl().ifPresent(routes::add);
                }
            }
            if (routes.isEmpty()) {
                routes.add("nats://127.0.0.1:" + placeholder.getLocalPort());
            }
            return routes;
        }
    }
}
