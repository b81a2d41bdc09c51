package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@NatsServer(jetStream = false)
class MessageRecorderTest {

    @Test
    @DisplayName("a message published from another connection right after record() is not lost")
    void recordFlushesSubscription(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            publisher.publish("orders", "order-1".getBytes(UTF_8));
            publisher.flush(Duration.ofSeconds(5));

            assertThat(recorder.awaitCount(1, Duration.ofSeconds(5))).isTrue();
            assertThat(recorder.messages()).hasSize(1);
        }
    }

    @Test
    void awaitCountTimesOut(Connection connection) throws Exception {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            assertThat(recorder.awaitCount(1, Duration.ofMillis(50))).isFalse();
        }
    }

    @Test
    void reportsSubjectAndQueueGroup(Connection connection) {
        try (MessageRecorder plain = NatsAssertions.record(connection, "orders.*");
                MessageRecorder member = NatsAssertions.record(connection, "orders", "workers")) {
            assertThat(plain.subject()).isEqualTo("orders.*");
            assertThat(plain.queueGroup()).isEmpty();
            assertThat(member.queueGroup()).contains("workers");
        }
    }

    @Test
    @DisplayName("messages() is a snapshot that later arrivals do not change")
    void messagesIsSnapshot(Connection connection) throws Exception {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            recorder.awaitCount(1, Duration.ofSeconds(5));
            var snapshot = recorder.messages();

            connection.publish("orders", "order-2".getBytes(UTF_8));
            recorder.awaitCount(2, Duration.ofSeconds(5));

            assertThat(snapshot).hasSize(1);
            assertThat(recorder.count()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("close() unsubscribes and keeps the messages readable")
    void closeUnsubscribes(Connection connection) throws Exception {
        MessageRecorder closed = NatsAssertions.record(connection, "orders");
        try (MessageRecorder witness = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            closed.awaitCount(1, Duration.ofSeconds(5));
            closed.close();
            closed.close();

            connection.publish("orders", "order-2".getBytes(UTF_8));
            // Once the witness has order-2, the server has routed it, and the closed recorder must not have it.
            assertThat(witness).receives(2);

            assertThat(closed.messages()).hasSize(1);
        }
    }

    @Test
    // The display name avoids double quotes: the extension passes it to jnats as the connection name, and
    // jnats 2.26.2 writes that name into its CONNECT JSON unescaped, so connecting fails.
    @DisplayName("a recorder on the full wildcard does not record its own drain marker")
    void wildcardSkipsDrainMarker(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, ">")) {
            assertThat(recorder).receivesNothingMore().hasReceivedNothing();
        }
    }
}
