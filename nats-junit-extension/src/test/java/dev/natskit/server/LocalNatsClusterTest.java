package dev.natskit.server;

import static dev.natskit.server.ServerFaultsTest.clientOptions;
import static dev.natskit.server.ServerFaultsTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LocalNatsCluster")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fault methods send POSIX signals")
class LocalNatsClusterTest {

    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    // One cluster for the class: starting one costs about a second, and each test uses streams of its own.
    private static LocalNatsCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalNatsCluster.start();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    /** Brings back every node a test killed or paused, so that one failed test does not break the next. */
    @AfterEach
    void restoreCluster() {
        for (NatsServerHandle node : cluster.nodes()) {
            node.resume();
            if (!node.isRunning()) {
                node.start();
            }
        }
        cluster.awaitReady(FAILOVER_TIMEOUT);
    }

    /**
     * Returns a JetStream context whose publishes wait up to 10 s for their acknowledgement, long enough for a
     * client to reconnect to another node and for a stream to elect a new leader.
     */
    static JetStream patientJetStream(Connection connection) throws Exception {
        return connection.jetStream(
                JetStreamOptions.builder().requestTimeout(TIMEOUT).build());
    }

    @Test
    @DisplayName("starts three nodes with their own ports, routes and stores")
    void startsNodes() {
        List<NatsServerHandle> nodes = cluster.nodes();

        assertThat(nodes).hasSize(3);
        assertThat(nodes.stream().map(NatsServerHandle::port).distinct()).hasSize(3);
        assertThat(nodes.stream().map(NatsServerHandle::directory).distinct()).hasSize(3);
        assertThat(cluster.urls())
                .containsExactlyElementsOf(
                        nodes.stream().map(NatsServerHandle::url).toList());
        for (NatsServerHandle node : nodes) {
            assertThat(node.serverName()).startsWith(cluster.name() + "-n");
            assertThat(node.configuration()).contains("cluster {\n  name: \"" + cluster.name() + "\"\n");
            for (NatsServerHandle other : nodes) {
                if (other != node) {
                    String route = ((LocalNatsServer) other).clusterUrl().orElseThrow();
                    assertThat(node.configuration()).contains("\"" + route + "\"");
                }
            }
        }
        assertThat(nodes).contains(cluster.metaLeader());
    }

    @Test
    @DisplayName("step-downs hand the stream and consumer leaders to other nodes")
    void stepsDownLeaders() throws Exception {
        try (Connection connection = cluster.connect()) {
            JetStreamManagement management = connection.jetStreamManagement();
            createStream(management, "STEPS", "steps.>");
            management.addOrUpdateConsumer(
                    "STEPS", ConsumerConfiguration.builder().durable("auditor").build());

            NatsServerHandle streamLeader = cluster.awaitStreamLeader("STEPS", TIMEOUT);
            assertThat(cluster.stepDownStreamLeader("STEPS")).isNotEqualTo(streamLeader);
            assertThat(cluster.streamLeader("STEPS")).isNotEqualTo(streamLeader);

            NatsServerHandle consumerLeader = cluster.consumerLeader("STEPS", "auditor");
            assertThat(cluster.stepDownConsumerLeader("STEPS", "auditor")).isNotEqualTo(consumerLeader);
        }
    }

    @Test
    @DisplayName("killing the stream leader loses no acknowledged message")
    void killsStreamLeader() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (Connection connection = cluster.connect(clientOptions(events))) {
            createStream(connection.jetStreamManagement(), "ORDERS", "orders.>");
            JetStream jetStream = patientJetStream(connection);
            List<String> before = publish(jetStream, 50);
            NatsServerHandle leader = cluster.streamLeader("ORDERS");
            int port = leader.port();

            leader.kill();
            NatsServerHandle next = cluster.awaitNewStreamLeader("ORDERS", leader, FAILOVER_TIMEOUT);

            assertThat(next.isRunning()).isTrue();
            List<String> after = publish(jetStream, 50);
            assertThat(storedCount(connection, "ORDERS")).isEqualTo(before.size() + after.size());

            cluster.restart(leader);

            assertThat(leader.port()).isEqualTo(port);
            assertThat(leader.isRunning()).isTrue();
            try (Connection direct = leader.connect()) {
                assertThat(direct.getConnectedUrl()).isEqualTo(leader.url());
                assertThat(storedCount(direct, "ORDERS")).isEqualTo(100);
            }
        }
    }

    @Test
    @DisplayName("pausing the stream leader moves clients and leadership")
    void pausesStreamLeader() throws Exception {
        NatsServerHandle leader;
        try (Connection setup = cluster.connect()) {
            createStream(setup.jetStreamManagement(), "PAUSES", "pauses.>");
            leader = cluster.awaitStreamLeader("PAUSES", TIMEOUT);
        }
        ConnectionEvents events = new ConnectionEvents();
        List<String> leaderFirst = new ArrayList<>(List.of(leader.url()));
        cluster.urls().stream().filter(url -> !url.equals(leader.url())).forEach(leaderFirst::add);
        Options options = clientOptions(events)
                .servers(leaderFirst.toArray(String[]::new))
                .noRandomize()
                .build();
        try (Connection connection = Nats.connect(options)) {
            assertThat(connection.getConnectedUrl()).isEqualTo(leader.url());
            List<String> before = publishPauses(patientJetStream(connection), 0, 20);
            int mark = events.mark();

            leader.pause();
            try {
                events.await(mark, Events.RECONNECTED, TIMEOUT);
                assertThat(connection.getConnectedUrl()).isNotEqualTo(leader.url());
                NatsServerHandle next = cluster.awaitNewStreamLeader("PAUSES", leader, FAILOVER_TIMEOUT);
                assertThat(next.isPaused()).isFalse();
                List<String> after = publishPauses(patientJetStream(connection), 20, 20);
                assertThat(storedCount(connection, "PAUSES")).isEqualTo(before.size() + after.size());
            } finally {
                leader.resume();
            }
            cluster.awaitReady(FAILOVER_TIMEOUT);
        }
    }

    @Test
    @DisplayName("lame duck mode moves clients and leaders off a node")
    void lameDuckNode() throws Exception {
        NatsServerHandle leader;
        try (Connection setup = cluster.connect()) {
            createStream(setup.jetStreamManagement(), "DUCKS", "ducks.>");
            leader = cluster.awaitStreamLeader("DUCKS", TIMEOUT);
        }
        ConnectionEvents events = new ConnectionEvents();
        List<String> leaderFirst = new ArrayList<>(List.of(leader.url()));
        cluster.urls().stream().filter(url -> !url.equals(leader.url())).forEach(leaderFirst::add);
        Options options = clientOptions(events)
                .servers(leaderFirst.toArray(String[]::new))
                .noRandomize()
                .build();
        try (Connection connection = Nats.connect(options)) {
            assertThat(connection.getConnectedUrl()).isEqualTo(leader.url());
            int mark = events.mark();

            leader.enterLameDuckMode();

            NatsServerHandle next = cluster.awaitNewStreamLeader("DUCKS", leader, FAILOVER_TIMEOUT);
            assertThat(next).isNotEqualTo(leader);
            leader.kill();
            // A publish written to the killed node's socket before the client noticed would be lost with it, so
            // the client publishes once it has moved to another node.
            events.await(mark, Events.RECONNECTED, TIMEOUT);
            assertThat(connection.getConnectedUrl()).isNotEqualTo(leader.url());
            Set<String> published = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                patientJetStream(connection).publish("ducks.new", ("duck-" + i).getBytes());
                published.add("duck-" + i);
            }
            assertThat(storedCount(connection, "DUCKS")).isEqualTo(published.size());
        }
        cluster.restart(leader);
    }

    @Test
    @DisplayName("meta step-down reports that it needs the system account")
    void metaStepDownNeedsSystemAccount() {
        assertThatThrownBy(cluster::stepDownMetaLeader)
                .isInstanceOf(NatsServerException.class)
                .hasMessageStartingWith("no reply to the step-down request for the meta leader on"
                        + " $JS.API.META.LEADER.STEPDOWN within 2 s. nats-server responds to it only for users of the"
                        + " system account");
    }

    @Test
    @DisplayName("rejects a size below two and a cluster without JetStream")
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> LocalNatsCluster.start(0, NatsServerOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cluster needs at least 2 nodes, but size was 0. For a single server, use"
                        + " LocalNatsServer.");
        assertThatThrownBy(() -> LocalNatsCluster.start(
                        3, NatsServerOptions.builder().jetStream(false).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a LocalNatsCluster is a JetStream cluster and needs JetStream on");
    }

    @Test
    @DisplayName("every node dies with a JVM that is killed")
    void nodesDieWithKilledJvm(@TempDir Path base) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Djava.io.tmpdir=" + base,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ClusterInChildJvm.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            String pidLine = ServerInChildJvm.readPidLine(child, Duration.ofSeconds(60));
            List<Long> pids = Arrays.stream(pidLine.substring("pid=".length()).split(","))
                    .map(Long::parseLong)
                    .toList();
            assertThat(pids).hasSize(3);

            long killedAt = System.nanoTime();
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);

            for (long pid : pids) {
                LocalNatsServerTest.assertProcessGone(pid);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(5));
            assertThat(ServerDirectory.deleteAbandoned(base)).isEqualTo(3);
            assertThat(base).isEmptyDirectory();
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<String> publishPauses(JetStream jetStream, int first, int count) throws Exception {
        List<String> published = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            jetStream.publish("pauses.new", ("pause-" + i).getBytes());
            published.add("pause-" + i);
        }
        return published;
    }

    static void createStream(JetStreamManagement management, String name, String subjects) throws Exception {
        management.addStream(StreamConfiguration.builder()
                .name(name)
                .subjects(subjects)
                .storageType(StorageType.File)
                .replicas(3)
                .build());
    }

    static long storedCount(Connection connection, String stream) throws Exception {
        JetStreamManagement management = connection.jetStreamManagement(
                JetStreamOptions.builder().requestTimeout(TIMEOUT).build());
        return management.getStreamInfo(stream).getStreamState().getMsgCount();
    }
}
