package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

@DisplayName("Faults on one server")
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "pause, lame duck mode and reload send POSIX signals")
class ServerFaultsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    @DisplayName("kill loses no acknowledged message and redelivers unacknowledged ones")
    void killKeepsAcknowledgedMessages() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = connect(server, events)) {
            createOrders(connection.jetStreamManagement());
            JetStream jetStream = connection.jetStream();
            List<String> published = publish(jetStream, 50);
            JetStreamSubscription worker = worker(jetStream);
            List<Message> first = worker.fetch(20, TIMEOUT);
            assertThat(first).hasSize(20);
            for (Message message : first) {
                message.ackSync(TIMEOUT);
            }
            int mark = events.mark();

            server.kill();
            server.start();

            events.await(mark, Events.RECONNECTED, TIMEOUT);
            assertThat(messageCount(connection)).isEqualTo(published.size());
            // The kill may lose acknowledgements that the consumer had not written yet, so some of the first
            // 20 messages may come again; every message that was never acknowledged must come.
            Set<String> after = new HashSet<>(data(fetchAll(worker)));
            assertThat(after).containsAll(published.subList(20, published.size()));
        }
    }

    @Test
    @DisplayName("pause makes clients disconnect on missed pings and resume lets them reconnect")
    void pauseAndResume() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = connect(server, events)) {
            createOrders(connection.jetStreamManagement());
            JetStream jetStream = connection.jetStream();
            List<String> published = publish(jetStream, 10);
            JetStreamSubscription worker = worker(jetStream);
            Message unacknowledged = worker.fetch(1, TIMEOUT).get(0);
            int mark = events.mark();

            server.pause();

            assertThat(server.isPaused()).isTrue();
            assertThat(server.isRunning()).isTrue();
            events.await(mark, Events.DISCONNECTED, TIMEOUT);
            server.resume();
            events.await(mark, Events.RECONNECTED, TIMEOUT);

            assertThat(server.isPaused()).isFalse();
            assertThat(messageCount(connection)).isEqualTo(published.size());
            // The message fetched before the pause was never acknowledged, so the server delivers it again once
            // its ack wait of 1 s has passed.
            long sequence = unacknowledged.metaData().streamSequence();
            List<Message> redelivered = fetchAll(worker).stream()
                    .filter(message -> message.metaData().streamSequence() == sequence)
                    .toList();
            assertThat(redelivered).hasSize(1);
            assertThat(redelivered.get(0).metaData().deliveredCount()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("stop works on a paused server")
    void stopsPausedServer() throws Exception {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            long pid = server.pid().orElseThrow();
            server.pause();
            long startedAt = System.nanoTime();

            server.stop();

            LocalNatsServerTest.assertProcessGone(pid);
            assertThat(Duration.ofNanos(System.nanoTime() - startedAt))
                    .isLessThan(NatsServerOptions.DEFAULT_STOP_TIMEOUT);
            assertThat(server.isPaused()).isFalse();
        }
    }

    @Test
    @DisplayName("lame duck mode tells clients and refuses new ones")
    void lameDuckMode() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = connect(server, events)) {
            createOrders(connection.jetStreamManagement());
            List<String> published = publish(connection.jetStream(), 10);
            int mark = events.mark();

            server.enterLameDuckMode();

            events.await(mark, Events.LAME_DUCK, TIMEOUT);
            assertThat(server.log()).contains("Entering lame duck mode");
            assertThatThrownBy(() -> Nats.connect(new Options.Builder()
                            .server(server.url())
                            .noReconnect()
                            .connectionTimeout(Duration.ofSeconds(1))
                            .build()))
                    .isInstanceOf(IOException.class);
            // With a client still connected the server would exit only after lame_duck_duration, at least 30 s,
            // and a SIGTERM waits for the grace period of 10 s; the test kills it instead.
            assertThat(server.awaitExit(Duration.ofMillis(1))).isFalse();
            server.kill();
            assertThat(server.awaitExit(Duration.ofMillis(1))).isTrue();
            server.start();
            events.await(mark, Events.RECONNECTED, TIMEOUT);
            assertThat(messageCount(connection)).isEqualTo(published.size());
        }
    }

    @Test
    @DisplayName("reload applies new lines without dropping clients")
    void reloadAppliesLines() throws Exception {
        ConnectionEvents events = new ConnectionEvents();
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
                Connection connection = connect(server, events)) {
            int mark = events.mark();

            server.reload(List.of("max_payload: 2048"));

            assertThat(server.configuration()).endsWith("# Lines added by the test.\nmax_payload: 2048\n");
            assertThat(server.log()).contains("Reloaded: max_payload = 2048");
            try (Connection fresh = server.connect()) {
                assertThat(fresh.getServerInfo().getMaxPayload()).isEqualTo(2048);
            }
            connection.flush(TIMEOUT);
            assertThat(events.since(mark)).doesNotContain(Events.DISCONNECTED);

            server.restart();
            try (Connection fresh = server.connect()) {
                assertThat(fresh.getServerInfo().getMaxPayload()).isEqualTo(2048);
            }
        }
    }

    @Test
    @DisplayName("reload reports a rejected change and keeps the old lines")
    void reloadRejected() {
        try (LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults())) {
            String before = server.configuration();

            assertThatThrownBy(() -> server.reload(List.of("server_name: \"renamed\"")))
                    .isInstanceOf(NatsServerException.class)
                    .hasMessageStartingWith(
                            "nats-server on port " + server.port() + " rejected the new configuration: ")
                    .hasMessageContaining("config reload not supported for ServerName")
                    .hasMessageContaining("  server_name: \"renamed\"");
            assertThat(server.configuration()).isEqualTo(before);
        }
    }

    static Connection connect(NatsServerHandle server, ConnectionEvents events)
            throws IOException, InterruptedException {
        return Nats.connect(clientOptions(events).server(server.url()).build());
    }

    /** Options of a client that notices a silent server within about 300 ms and reconnects without limit. */
    static Options.Builder clientOptions(ConnectionEvents events) {
        return new Options.Builder()
                .connectionListener(events)
                .pingInterval(Duration.ofMillis(100))
                .maxPingsOut(2)
                .connectionTimeout(Duration.ofMillis(500))
                .reconnectWait(Duration.ofMillis(100))
                .maxReconnects(-1);
    }

    static void createOrders(JetStreamManagement management) throws Exception {
        management.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File)
                .build());
    }

    /** Publishes {@code count} messages and waits for each acknowledgement; returns their data. */
    static List<String> publish(JetStream jetStream, int count) throws Exception {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String order = "order-" + i;
            jetStream.publish("orders.new", order.getBytes(StandardCharsets.UTF_8));
            published.add(order);
        }
        return published;
    }

    static JetStreamSubscription worker(JetStream jetStream) throws Exception {
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable("worker")
                .ackWait(Duration.ofSeconds(1))
                .build();
        return jetStream.subscribe(
                "orders.>",
                PullSubscribeOptions.builder().configuration(consumer).build());
    }

    static long messageCount(Connection connection) throws Exception {
        return connection
                .jetStreamManagement()
                .getStreamInfo("ORDERS")
                .getStreamState()
                .getMsgCount();
    }

    /**
     * Pulls until a pull of 2 s brings nothing, acknowledging each message as it arrives: a fetch would hand the
     * messages over only at the end of its wait, and the ack wait of 1 s may pass before that.
     */
    static List<Message> fetchAll(JetStreamSubscription worker) {
        List<Message> all = new ArrayList<>();
        while (true) {
            int before = all.size();
            Iterator<Message> batch = worker.iterate(100, Duration.ofSeconds(2));
            while (batch.hasNext()) {
                Message message = batch.next();
                message.ack();
                all.add(message);
            }
            if (all.size() == before) {
                return all;
            }
        }
    }

    static List<String> data(List<Message> messages) {
        return messages.stream()
                .map(message -> new String(message.getData(), StandardCharsets.UTF_8))
                .toList();
    }
}
