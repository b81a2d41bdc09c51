package dev.natskit.tutorial.core;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.tutorial.core.MessageData.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// tag::nats-server[]
@DisplayName("1. Connecting to NATS")
@Order(1)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer(jetStream = false)
class ConnectingSpec {
    // end::nats-server[]

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @Order(1)
    @DisplayName("Nats.connect opens a connection to the server's URL")
    void connectsToUrl(NatsServerHandle server) throws Exception {
        // tag::connect[]
        try (Connection connection = Nats.connect(server.url())) {
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(connection.getServerInfo().getVersion()).isEqualTo(server.version());
        }
        // end::connect[]
    }

    @Test
    @Order(2)
    @DisplayName("Options.Builder sets the connection name, timeouts and reconnect settings")
    void configuresWithOptions(NatsServerHandle server) throws Exception {
        // tag::options[]
        Options options = new Options.Builder()
                .server(server.url())
                .connectionName("order-service")
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(30))
                .reconnectWait(Duration.ofMillis(500))
                .maxReconnects(60)
                .build();
        try (Connection connection = Nats.connect(options)) {
            assertThat(connection.getOptions().getConnectionName()).isEqualTo("order-service");
        }
        // end::options[]
        try (Connection connection = Nats.connect(options)) {
            // The server records the name as well, and its monitoring endpoint /connz lists it with the connection.
            assertThat(connectionsOnServer(server)).contains("\"order-service\"");
        }
    }

    @Test
    @Order(3)
    @DisplayName("getStatus reports CONNECTED while open and CLOSED after close")
    void reportsStatus(NatsServerHandle server) throws Exception {
        // tag::status[]
        Connection connection = Nats.connect(server.url());
        Connection.Status whileOpen = connection.getStatus();
        connection.close();
        Connection.Status afterClose = connection.getStatus();
        // end::status[]
        assertThat(whileOpen).isEqualTo(Connection.Status.CONNECTED);
        assertThat(afterClose).isEqualTo(Connection.Status.CLOSED);
    }

    @Test
    @Order(4)
    @NatsServer(jetStream = false)
    @DisplayName("a ConnectionListener sees CONNECTED, DISCONNECTED and RECONNECTED when the server restarts")
    void reportsConnectionEvents(NatsServerHandle server) throws Exception {
        // This method has a server of its own, so the restart disturbs no other specification.
        // tag::listener[]
        Map<Events, CountDownLatch> seen = new ConcurrentHashMap<>();
        for (Events event : Events.values()) {
            seen.put(event, new CountDownLatch(1));
        }
        ConnectionListener listener = (connection, event) -> seen.get(event).countDown();

        Options options = new Options.Builder()
                .server(server.url())
                .connectionListener(listener)
                .reconnectWait(Duration.ofMillis(100))
                .maxReconnects(-1)
                .build();
        // end::listener[]
        try (Connection connection = Nats.connect(options)) {
            assertThat(seen.get(Events.CONNECTED).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("CONNECTED event within %s", TIMEOUT)
                    .isTrue();
            MessageRecorder heartbeat = NatsAssertions.record(connection, "heartbeat");

            server.restart();

            assertThat(seen.get(Events.DISCONNECTED).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("DISCONNECTED event within %s of the restart", TIMEOUT)
                    .isTrue();
            assertThat(seen.get(Events.RECONNECTED).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("RECONNECTED event within %s of the restart", TIMEOUT)
                    .isTrue();
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);

            // jnats subscribes again after a reconnect, so the subscription keeps working.
            connection.publish("heartbeat", data("still here"));
            assertThat(heartbeat).receives(1).withData("still here");
        }
        assertThat(seen.get(Events.CLOSED).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("CLOSED event within %s of close()", TIMEOUT)
                .isTrue();
    }

    /** Returns the server's list of client connections, from the monitoring endpoint {@code /connz}, as JSON. */
    private static String connectionsOnServer(NatsServerHandle server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.monitoringUrl() + "/connz"))
                .timeout(TIMEOUT)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
