package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("LocalNatsServer")
class LocalNatsServerTest {

    @Test
    @DisplayName("starts on a loopback port that the server picked")
    void startsOnLoopback() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = server.connect()) {
            assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + server.port());
            assertThat(server.port()).isPositive();
            assertThat(server.monitoringUrl()).startsWith("http://127.0.0.1:");
            assertThat(server.version()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(server.isRunning()).isTrue();
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(server.log()).contains("Server is ready");
        }
    }

    @Test
    @DisplayName("gives each server its own port and directory")
    void separatesServers() {
        try (LocalNatsServer first = LocalNatsServer.start(NatsServerOptions.defaults());
                LocalNatsServer second = LocalNatsServer.start(NatsServerOptions.defaults())) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.directory()).isNotEqualTo(second.directory());
            assertThat(first.configuration())
                    .contains(first.directory().resolve("jetstream").toString());
        }
    }

    @Test
    @DisplayName("restart keeps the port and the JetStream data")
    void restartKeepsData() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            int port = server.port();
            try (Connection connection = server.connect()) {
                connection
                        .jetStreamManagement()
                        .addStream(StreamConfiguration.builder()
                                .name("ORDERS")
                                .subjects("orders.>")
                                .build());
                connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));
            }

            server.restart();

            assertThat(server.port()).isEqualTo(port);
            try (Connection connection = server.connect()) {
                long count = connection
                        .jetStreamManagement()
                        .getStreamInfo("ORDERS")
                        .getStreamState()
                        .getMsgCount();
                assertThat(count).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("stop ends the process and start brings it back")
    void stopAndStart() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            long pid = server.pid().orElseThrow();

            server.stop();

            assertThat(server.isRunning()).isFalse();
            assertThat(server.pid()).isEmpty();
            assertProcessGone(pid);

            server.start();

            assertThat(server.isRunning()).isTrue();
            try (Connection connection = server.connect()) {
                assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            }
        }
    }

    @Test
    @DisplayName("kill ends the process at once and start recovers")
    void killAndStart() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            long pid = server.pid().orElseThrow();

            server.kill();

            assertProcessGone(pid);
            server.start();
            assertThat(server.isRunning()).isTrue();
        }
    }

    @Test
    @DisplayName("close removes the process and the directory")
    void closeCleansUp() throws Exception {
        LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
        long pid = server.pid().orElseThrow();
        Path directory = server.directory();
        assertThat(directory).isDirectory();

        server.close();

        assertProcessGone(pid);
        assertThat(directory).doesNotExist();
        assertThatThrownBy(server::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("is closed and cannot start again");
    }

    @Test
    @DisplayName("deleteJetStreamData removes streams and buckets")
    void deletesJetStreamData() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = server.connect()) {
            JetStreamManagement management = connection.jetStreamManagement();
            management.addStream(StreamConfiguration.builder()
                    .name("EVENTS")
                    .subjects("events.>")
                    .build());
            KeyValueManagement buckets = connection.keyValueManagement();
            buckets.create(KeyValueConfiguration.builder().name("settings").build());

            int deleted = server.deleteJetStreamData();

            assertThat(deleted).isEqualTo(2);
            assertThat(management.getStreamNames()).isEmpty();
            assertThat(buckets.getBucketNames()).isEmpty();
        }
    }

    @Test
    @DisplayName("runs without JetStream when it is off")
    void withoutJetStream() {
        NatsServerOptions options = NatsServerOptions.builder().jetStream(false).build();
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(server.jetStreamEnabled()).isFalse();
            assertThat(server.configuration()).doesNotContain("jetstream");
            assertThat(server.deleteJetStreamData()).isZero();
        }
    }

    @Test
    @DisplayName("appends configuration lines to the rendered file")
    void appendsConfigLines() throws Exception {
        NatsServerOptions options =
                NatsServerOptions.builder().configLine("max_payload: 2048").build();
        try (LocalNatsServer server = LocalNatsServer.start(options);
                Connection connection = server.connect()) {
            assertThat(server.configuration()).endsWith("# Lines added by the test.\nmax_payload: 2048\n");
            assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(2048);
        }
    }

    @Test
    @DisplayName("reports exit code, log and configuration of a failed start")
    void reportsFailedStart(@TempDir Path base) {
        NatsServerOptions options = NatsServerOptions.builder()
                .configLine("listen: {")
                .baseDirectory(base)
                .build();

        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageStartingWith("nats-server exited with code 1 during startup\nCommand: ")
                .hasMessageContaining("Server log (last 60 lines):\n  # natskit: starting ")
                .hasMessageContaining("Parse error")
                .hasMessageContaining("Effective configuration (")
                .hasMessageEndingWith("  # Lines added by the test.\n  listen: {");
        assertThat(base).isEmptyDirectory();
    }

    @Test
    @DisplayName("times out when the server never becomes ready")
    void timesOut(@TempDir Path folder) throws Exception {
        Path binary = folder.resolve("nats-server");
        Path pidFile = folder.resolve("stand-in.pid");
        // A stand-in that runs but never writes a ports file, as a hung server would.
        Files.writeString(
                binary, "#!/bin/sh\necho $$ > '" + pidFile + "'\necho 'pretending to start'\nexec tail -f /dev/null\n");
        assertThat(binary.toFile().setExecutable(true)).isTrue();
        NatsServerOptions options = NatsServerOptions.builder()
                .binary(binary)
                .startTimeout(Duration.ofMillis(300))
                .baseDirectory(folder.resolve("servers"))
                .build();

        assertThatThrownBy(() -> LocalNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageStartingWith("timed out after 300 ms waiting for nats-server to write its ports file to ")
                .hasMessageContaining("raise the start timeout if the machine is slow")
                .hasMessageContaining("  pretending to start");
        assertProcessGone(Long.parseLong(Files.readString(pidFile).strip()));
        assertThat(folder.resolve("servers")).isEmptyDirectory();
    }

    @Test
    @DisplayName("server dies with a JVM that is killed")
    void diesWithKilledJvm(@TempDir Path base) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(
                        java.toString(),
                        "-Djava.io.tmpdir=" + base,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ServerInChildJvm.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            String pidLine = ServerInChildJvm.readPidLine(child, Duration.ofSeconds(30));
            long pid = Long.parseLong(pidLine.substring("pid=".length()));
            assertThat(ProcessHandle.of(pid)).isPresent();

            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);

            assertProcessGone(pid);
            assertThat(base).isNotEmptyDirectory();
            assertThat(ServerDirectory.deleteAbandoned(base)).isEqualTo(1);
            assertThat(base).isEmptyDirectory();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @DisplayName("keeps directories of running JVMs")
    void keepsOwnedDirectories(@TempDir Path base) {
        NatsServerOptions options =
                NatsServerOptions.builder().baseDirectory(base).build();
        try (LocalNatsServer server = LocalNatsServer.start(options)) {
            assertThat(ServerDirectory.deleteAbandoned(base)).isZero();
            assertThat(server.directory()).isDirectory();
        }
    }

    static void assertProcessGone(long pid) throws Exception {
        var handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }
}
