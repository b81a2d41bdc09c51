package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

@DisplayName("ContainerNatsServer")
@EnabledIf(value = "dev.natskit.server.Docker#available", disabledReason = Docker.SKIPPED)
class ContainerNatsServerTest {

    private static NatsServerOptions.Builder container() {
        return NatsServerOptions.builder().backend(ServerBackend.CONTAINER);
    }

    @Test
    @DisplayName("starts from nats:<version> on a loopback port")
    void startsOnLoopback() throws Exception {
        try (ManagedNatsServer server =
                        ManagedNatsServer.start(container().version("2.9.10").build());
                Connection connection = server.connect()) {
            assertThat(server).isInstanceOf(ContainerNatsServer.class);
            assertThat(((ContainerNatsServer) server).image()).isEqualTo("nats:2.9.10");
            assertThat(server.url()).isEqualTo("nats://127.0.0.1:" + server.port());
            assertThat(server.monitoringUrl()).startsWith("http://127.0.0.1:");
            assertThat(server.version()).isEqualTo("2.9.10");
            assertThat(server.isRunning()).isTrue();
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(server.log()).contains("Server is ready");
            assertThat(server.configuration()).contains("listen: \"0.0.0.0:4222\"", "store_dir: \"/data\"");
        }
    }

    @Test
    @DisplayName("stop and start keep the JetStream data and the port")
    void restartKeepsData() throws Exception {
        try (ManagedNatsServer server = ManagedNatsServer.start(container().build());
                Connection connection = server.connect(new Options.Builder()
                        .reconnectWait(Duration.ofMillis(100))
                        .pingInterval(Duration.ofSeconds(1))
                        .maxReconnects(-1))) {
            connection
                    .jetStreamManagement()
                    .addStream(StreamConfiguration.builder()
                            .name("ORDERS")
                            .subjects("orders.>")
                            .build());
            connection.jetStream().publish("orders.new", "one".getBytes(StandardCharsets.UTF_8));

            int port = server.port();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();

            assertThat(server.port()).isEqualTo(port);
            Reconnects.await(connection);
            assertThat(connection.getConnectedUrl()).isEqualTo(server.url());
            long count = connection
                    .jetStreamManagement()
                    .getStreamInfo("ORDERS")
                    .getStreamState()
                    .getMsgCount();
            assertThat(count).isEqualTo(1);
            assertThat(server.logLines())
                    .filteredOn(line -> line.contains("Server is ready"))
                    .hasSize(2);
        }
    }

    @Test
    @DisplayName("kill and start bring the same container back")
    void killAndStart() {
        try (ManagedNatsServer server = ManagedNatsServer.start(container().build())) {
            String id = ((ContainerNatsServer) server).containerId();

            server.kill();
            assertThat(server.isRunning()).isFalse();
            server.start();

            assertThat(server.isRunning()).isTrue();
            assertThat(((ContainerNatsServer) server).containerId()).isEqualTo(id);
        }
    }

    @Test
    @DisplayName("a JetStream block among the extra lines keeps the store")
    void jetStreamBlockKeepsStore() throws Exception {
        NatsServerOptions options = container()
                .configLine("jetstream { max_memory_store: 64MB }")
                .configLine("max_payload: 4096")
                .build();
        try (ManagedNatsServer server = ManagedNatsServer.start(options);
                Connection connection = server.connect()) {
            assertThat(connection.getServerInfo().getMaxPayload()).isEqualTo(4096);
            assertThat(server.log()).contains("/data/jetstream");
        }
    }

    @Test
    @DisplayName("a container that exits reports its code, log and configuration")
    void reportsExit() {
        NatsServerOptions options = container().configLine("no_such_option {").build();

        assertThatThrownBy(() -> ManagedNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageStartingWith("nats-server container exited with code 1 during startup")
                .hasMessageContaining("Image: nats:" + NatsServerOptions.DEFAULT_CONTAINER_VERSION)
                .hasMessageContaining("Server log (last 60 lines):")
                .hasMessageContaining("Effective configuration (/etc/natskit/nats-server.conf in the container):")
                .hasMessageContaining("  no_such_option {");
    }

    @Test
    @DisplayName("an image of another version is rejected")
    void rejectsOtherVersion() {
        NatsServerOptions options =
                container().version("2.9").image("nats:2.10.27").build();

        assertThatThrownBy(() -> ManagedNatsServer.start(options))
                .isInstanceOf(NatsServerStartException.class)
                .hasMessageStartingWith("the image nats:2.10.27 runs nats-server 2.10.27, which does not match the"
                        + " requested version 2.9. Use an image of that version, or request 2.10.27");
    }
}
