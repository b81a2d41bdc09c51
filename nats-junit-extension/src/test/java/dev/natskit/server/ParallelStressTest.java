package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.natskit.junit.NatsCluster;
import dev.natskit.junit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs many test classes at once, each with a server or cluster of its own, and checks that no two servers shared
 * a port or a directory and that none outlived its class.
 */
@DisplayName("Parallel test classes")
class ParallelStressTest {

    /** Bound on the whole run: it took 4 to 10 s on two shared cores, so this leaves room for a slower machine. */
    private static final Duration MAX_DURATION = Duration.ofSeconds(45);

    /** A server or node that a fixture test saw. */
    record Seen(String fixture, int port, Path directory, long pid) {}

    static final Queue<Seen> SEEN = new ConcurrentLinkedQueue<>();

    @Test
    @DisplayName("twelve classes at once share no port, directory or process")
    void runsInParallel() throws Exception {
        SEEN.clear();
        List<Class<?>> fixtures = List.of(
                Server1.class,
                Server2.class,
                Server3.class,
                Server4.class,
                Server5.class,
                Server6.class,
                Server7.class,
                Server8.class,
                Server9.class,
                Server10.class,
                Cluster1.class,
                Cluster2.class);
        long startedAt = System.nanoTime();

        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(fixtures.stream().map(type -> selectClass(type)).toArray(ClassSelector[]::new))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "12")
                .execute();

        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedAt);
        results.testEvents().assertStatistics(stats -> stats.started(24).succeeded(24));
        assertThat(elapsed).isLessThan(MAX_DURATION);
        // Each fixture test reports its server or nodes; tests of one class report the same ones.
        List<Seen> servers = SEEN.stream().distinct().toList();
        assertThat(servers).hasSize(10 + 2 * 3);
        // A port can serve a later server once an earlier one has closed, so ports are not compared here; record()
        // checked while each server ran that its port was served by that server and no other.
        assertThat(servers.stream().map(Seen::directory).distinct()).hasSameSizeAs(servers);
        for (Seen server : servers) {
            LocalNatsServerTest.assertProcessGone(server.pid());
            assertThat(server.directory()).doesNotExist();
        }
    }

    static void record(String fixture, NatsServerHandle server) {
        try {
            String info =
                    ServerInfoProbe.read(server.host(), server.port(), 5_000).line();
            assertThat(info).as("INFO line on port %d", server.port()).contains("\"" + server.serverName() + "\"");
        } catch (java.io.IOException e) {
            throw new AssertionError("failed to read the INFO line on port " + server.port(), e);
        }
        SEEN.add(new Seen(
                fixture,
                server.port(),
                server.directory(),
                ((LocalNatsServer) server).pid().orElseThrow()));
    }

    static void useJetStream(Connection connection, String stream, int replicas) throws Exception {
        JetStreamManagement management = connection.jetStreamManagement();
        management.addStream(StreamConfiguration.builder()
                .name(stream)
                .subjects(stream.toLowerCase() + ".>")
                .replicas(replicas)
                .build());
        connection.jetStream().publish(stream.toLowerCase() + ".one", "1".getBytes(StandardCharsets.UTF_8));
        assertThat(management.getStreamInfo(stream).getStreamState().getMsgCount())
                .isEqualTo(1);
    }

    @NatsServer
    abstract static class ServerFixture {
        @Test
        void first(NatsServerHandle server, Connection connection) throws Exception {
            record(getClass().getSimpleName(), server);
            useJetStream(connection, "FIRST", 1);
        }

        @Test
        void second(NatsServerHandle server, Connection connection) throws Exception {
            record(getClass().getSimpleName(), server);
            useJetStream(connection, "SECOND", 1);
        }
    }

    static class Server1 extends ServerFixture {}

    static class Server2 extends ServerFixture {}

    static class Server3 extends ServerFixture {}

    static class Server4 extends ServerFixture {}

    static class Server5 extends ServerFixture {}

    static class Server6 extends ServerFixture {}

    static class Server7 extends ServerFixture {}

    static class Server8 extends ServerFixture {}

    static class Server9 extends ServerFixture {}

    static class Server10 extends ServerFixture {}

    @NatsCluster
    abstract static class ClusterFixture {
        @Test
        void first(NatsClusterHandle cluster, Connection connection) throws Exception {
            cluster.nodes().forEach(node -> record(getClass().getSimpleName(), node));
            useJetStream(connection, "FIRST", 3);
        }

        @Test
        void second(NatsClusterHandle cluster, Connection connection) throws Exception {
            cluster.nodes().forEach(node -> record(getClass().getSimpleName(), node));
            useJetStream(connection, "SECOND", 3);
        }
    }

    static class Cluster1 extends ClusterFixture {}

    static class Cluster2 extends ClusterFixture {}
}
