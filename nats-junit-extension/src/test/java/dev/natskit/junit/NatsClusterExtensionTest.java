package dev.natskit.junit;

import static dev.natskit.junit.NatsServerExtensionTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.natskit.server.LocalNatsServer;
import dev.natskit.server.NatsClusterHandle;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

@DisplayName("@NatsCluster")
class NatsClusterExtensionTest {

    @Test
    @DisplayName("class scope shares one cluster and closes every node after the class")
    void classScope() throws Exception {
        EngineExecutionResults results = run(ClassScoped.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(ClassScoped.CLUSTERS).hasSize(2);
        assertThat(ClassScoped.CLUSTERS.get(0)).isSameAs(ClassScoped.CLUSTERS.get(1));
        for (NatsServerHandle node : ClassScoped.CLUSTERS.get(0).nodes()) {
            assertThat(node.isRunning()).isFalse();
            assertThat(node.directory()).doesNotExist();
        }
        for (long pid : ClassScoped.PIDS) {
            assertGone(pid);
        }
    }

    @NatsCluster
    static class ClassScoped {
        static final List<NatsClusterHandle> CLUSTERS = new CopyOnWriteArrayList<>();
        static final List<Long> PIDS = new CopyOnWriteArrayList<>();

        @Test
        void first(
                NatsClusterHandle cluster, Connection connection, JetStreamManagement management, JetStream jetStream)
                throws Exception {
            CLUSTERS.add(cluster);
            cluster.nodes()
                    .forEach(node -> PIDS.add(((LocalNatsServer) node).pid().orElseThrow()));
            assertThat(cluster.nodes()).hasSize(3);
            assertThat(connection.getServers()).containsAll(cluster.urls());

            management.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .replicas(3)
                    .build());
            jetStream.publish("orders.new", "1".getBytes(StandardCharsets.UTF_8));
            assertThat(management.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                    .isEqualTo(1);
        }

        @Test
        void second(NatsClusterHandle cluster) {
            CLUSTERS.add(cluster);
        }
    }

    @Test
    @DisplayName("method scope gives a test a cluster of the size it asks for")
    void methodScope() {
        EngineExecutionResults results = run(MethodScoped.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
        assertThat(MethodScoped.DIRECTORIES)
                .hasSize(2)
                .allSatisfy(directory -> assertThat(directory).doesNotExist());
    }

    static class MethodScoped {
        static final List<Path> DIRECTORIES = new CopyOnWriteArrayList<>();

        @Test
        @NatsCluster(nodes = 2)
        void pair(NatsClusterHandle cluster) {
            assertThat(cluster.nodes()).hasSize(2);
            assertThat(cluster.nodes()).contains(cluster.metaLeader());
            cluster.nodes().forEach(node -> DIRECTORIES.add(node.directory()));
        }
    }

    @Test
    @DisplayName("rejects fewer than two nodes before starting")
    void rejectsNoNodes() {
        EngineExecutionResults results = run(NoNodes.class);

        results.containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(finishedWithFailure(
                                instanceOf(ExtensionConfigurationException.class),
                                message("Invalid nodes = 0 in @NatsCluster on " + NoNodes.class
                                        + ". Use 2 or more, such as the default 3; for a single server,"
                                        + " use @NatsServer."))));
    }

    @NatsCluster(nodes = 0)
    static class NoNodes {
        @Test
        void neverRuns(NatsClusterHandle cluster) {}
    }

    static void assertGone(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
