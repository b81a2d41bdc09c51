package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@NatsServer(jetStream = false)
class MessageRecorderAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void receivesPublishedMessages(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
            connection.publish("orders.created", "order-1".getBytes(UTF_8));
            connection.publish("orders.paid", "order-1".getBytes(UTF_8));

            assertThat(recorder).receives(2).withSubjects("orders.created", "orders.paid");
        }
    }

    @Test
    @DisplayName("receives(n) fails after the deadline and lists what arrived")
    void receivesFailsWithArrivals(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
            Headers headers = new Headers().add("tenant", "acme");
            connection.publish("orders.created", headers, "order-1".getBytes(UTF_8));
            connection.publish("orders.paid", "order-1".getBytes(UTF_8));

            assertThatThrownBy(() -> assertThat(recorder).within(SHORT).receives(3))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "orders.>"
                            to receive at least:
                              3 messages within 200 ms
                            but received 2 messages:
                              #1 orders.created {tenant=[acme]}: "order-1"
                              #2 orders.paid: "order-1\"""");
        }
    }

    @Test
    void receivesFailsWhenNothingArrived(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders", "workers")) {
            assertThatThrownBy(() -> assertThat(recorder).within(SHORT).receives(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "orders" in queue group "workers"
                            to receive at least:
                              1 message within 200 ms
                            but received no messages""");
        }
    }

    @Test
    void failureKeepsDescription(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            assertThatThrownBy(() -> assertThat(recorder)
                            .as("order events")
                            .within(SHORT)
                            .receives(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""
                            [order events]\s
                            Expecting subscription:
                              "orders"
                            to receive at least:
                              1 message within 200 ms
                            but received no messages""");
        }
    }

    @Test
    void hasReceivedCountsWithoutWaiting(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            assertThat(recorder).receives(1);

            assertThat(recorder).hasReceived(1).withData("order-1");
        }
    }

    @Test
    void hasReceivedFailsOnOtherCount(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            assertThat(recorder).receives(1);

            assertThatThrownBy(() -> assertThat(recorder).hasReceived(2))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "orders"
                            to have received exactly:
                              2 messages
                            but received 1 message:
                              #1 orders: "order-1\"""");
        }
    }

    @Test
    void hasReceivedNothingPasses(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            assertThat(recorder).hasReceivedNothing();
        }
    }

    @Test
    void hasReceivedNothingFails(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            assertThat(recorder).receives(1);

            assertThatThrownBy(() -> assertThat(recorder).hasReceivedNothing())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "orders"
                            to have received exactly:
                              0 messages
                            but received 1 message:
                              #1 orders: "order-1\"""");
        }
    }

    @Test
    @DisplayName("receivesNothingMore passes when only the checked messages arrived")
    void nothingMorePasses(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
            publisher.publish("orders.created", "order-1".getBytes(UTF_8));
            publisher.publish("other.created", "ignored".getBytes(UTF_8));
            assertThat(recorder).receives(1);

            assertThat(recorder).receivesNothingMore(publisher);
        }
    }

    @Test
    @DisplayName("receivesNothingMore sees a message published just before it, without waiting for it")
    void nothingMoreSeesLastMessage(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
            publisher.publish("orders.created", "order-1".getBytes(UTF_8));
            assertThat(recorder).receives(1);
            publisher.publish("orders.cancelled", "order-1".getBytes(UTF_8));

            // No receives(2) ran, so the flush round trips alone must bring the second message in.
            assertThatThrownBy(() -> assertThat(recorder).receivesNothingMore(publisher))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "orders.>"
                            to receive nothing more than:
                              1 message
                            but received 1 more message:
                              #2 orders.cancelled: "order-1\"""");
        }
    }

    @Test
    @DisplayName("receivesNothingMore counts every message of a burst, none of them awaited")
    void nothingMoreSeesWholeBurst(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                MessageRecorder recorder = NatsAssertions.record(connection, ">")) {
            for (int i = 1; i <= 500; i++) {
                publisher.publish("burst." + i, ("data-" + i).getBytes(UTF_8));
            }

            assertThatThrownBy(() -> assertThat(recorder).receivesNothingMore(publisher))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("but received 500 more messages:")
                    .hasMessageEndingWith("#500 burst.500: \"data-500\"");
        }
    }

    @Test
    void nothingMoreRejectsNoEcho(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().noEcho());
                MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            assertThatThrownBy(() -> assertThat(recorder).receivesNothingMore())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Cannot wait for the dispatcher of \"orders\" to drain, because its connection sets"
                            + " noEcho() and so never receives the marker it publishes to itself. Record on a"
                            + " connection without noEcho().");
        }
    }

    @Test
    void withinRejectsZero(Connection connection) {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            assertThatThrownBy(() -> assertThat(recorder).within(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must be positive, but was PT0S");
        }
    }

    /** Creates a stream with one order and a push consumer that delivers it to {@code deliver.worker}. */
    private static void createPushConsumer(NatsServerHandle server, AckPolicy ackPolicy) throws Exception {
        try (Connection admin = server.connect()) {
            JetStreamManagement jsm = admin.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name("ORDERS")
                    .subjects("orders.>")
                    .storageType(StorageType.Memory)
                    .build());
            admin.jetStream().publish("orders.created", "order-1".getBytes(UTF_8));
            jsm.addOrUpdateConsumer(
                    "ORDERS",
                    ConsumerConfiguration.builder()
                            .durable("worker")
                            .deliverSubject("deliver.worker")
                            .ackPolicy(ackPolicy)
                            .ackWait(Duration.ofMillis(500))
                            .build());
        }
    }

    @Test
    @NatsServer
    @DisplayName("receivesRedelivery sees the delivery that comes after AckWait")
    void receivesRedeliveryAfterAckWait(Connection connection, NatsServerHandle server) throws Exception {
        try (MessageRecorder deliveries = NatsAssertions.record(connection, "deliver.worker")) {
            createPushConsumer(server, AckPolicy.Explicit);

            assertThat(deliveries)
                    .within(Duration.ofMillis(500).plus(Duration.ofSeconds(2)))
                    .receivesRedelivery(1)
                    .hasDeliveryCount(2);
        }
    }

    @Test
    @NatsServer
    void receivesRedeliveryFails(Connection connection, NatsServerHandle server) throws Exception {
        try (MessageRecorder deliveries = NatsAssertions.record(connection, "deliver.worker")) {
            createPushConsumer(server, AckPolicy.None);
            assertThat(deliveries).receives(1);

            assertThatThrownBy(() -> assertThat(deliveries).within(SHORT).receivesRedelivery(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting subscription:
                              "deliver.worker"
                            to receive a redelivery of:
                              stream sequence 1 within 200 ms
                            but received 1 message:
                              #1 orders.created: "order-1" (stream sequence 1, delivery count 1)""");
        }
    }
}
