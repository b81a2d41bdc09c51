package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.assertions.NatsAssertions.assertThatJetStreamMessage;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer
class ConsumerAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration FETCH_WAIT = Duration.ofSeconds(2);

    private JetStreamSubscription subscription;

    @BeforeEach
    void storeTwoOrders(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.Memory)
                .build());
        js.publish("orders.created", "order-1".getBytes(UTF_8));
        js.publish("orders.created", "order-2".getBytes(UTF_8));
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "worker"));
    }

    private List<Message> fetch(int batch) {
        List<Message> messages = subscription.fetch(batch, FETCH_WAIT);
        if (messages.size() != batch) {
            throw new IllegalStateException("fetched " + messages.size() + " of " + batch + " messages");
        }
        return messages;
    }

    /** The state lines of the worker after both orders were delivered and none acknowledged. */
    private static final String DELIVERED_UNACKED = String.join(
            "\n",
            "  \"worker\" on stream \"ORDERS\"",
            "  pending 0, ack pending 2, redelivered 0, waiting 0",
            "  delivered: stream sequence 2, consumer sequence 2",
            "  ack floor: stream sequence 0, consumer sequence 0");

    @Test
    void statePasses(JetStreamManagement jsm) throws Exception {
        fetch(2).get(0).ackSync(FETCH_WAIT);

        assertThatConsumer(jsm, "ORDERS", "worker")
                .hasPending(0)
                .hasAckPending(1)
                .hasRedeliveredCount(0)
                .hasWaiting(0)
                .hasDeliveredStreamSequence(2)
                .hasDeliveredConsumerSequence(2)
                .hasAckFloorStreamSequence(1)
                .hasAckFloorConsumerSequence(1);
    }

    @Test
    void hasPendingFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasPending(0))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting consumer:
                          "worker" on stream "ORDERS"
                          pending 2, ack pending 0, redelivered 0, waiting 0
                          delivered: stream sequence 0, consumer sequence 0
                          ack floor: stream sequence 0, consumer sequence 0
                        to have pending:
                          0
                        but had:
                          2""");
    }

    @Test
    void hasAckPendingFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasAckPending(0))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have ack pending:
                          0
                        but had:
                          2""");
    }

    @Test
    void hasRedeliveredCountFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasRedeliveredCount(1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have redelivered:
                          1
                        but had:
                          0""");
    }

    @Test
    void hasWaitingFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasWaiting(1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have waiting:
                          1
                        but had:
                          0""");
    }

    @Test
    void hasDeliveredStreamSequenceFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasDeliveredStreamSequence(1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have delivered stream sequence:
                          1
                        but had:
                          2""");
    }

    @Test
    void hasDeliveredConsumerSequenceFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasDeliveredConsumerSequence(3))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have delivered consumer sequence:
                          3
                        but had:
                          2""");
    }

    @Test
    void hasAckFloorStreamSequenceFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasAckFloorStreamSequence(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have ack floor stream sequence:
                          2
                        but had:
                          0""");
    }

    @Test
    void hasAckFloorConsumerSequenceFails(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker").hasAckFloorConsumerSequence(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have ack floor consumer sequence:
                          2
                        but had:
                          0""");
    }

    @Test
    void missingConsumerFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "auditor").hasPending(0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting consumer:
                          "auditor" on stream "ORDERS"
                        to have pending:
                          0
                        but the server did not find it: consumer not found (error 10014)""");
    }

    @Test
    @DisplayName("eventually() waits until the server applied an asynchronous ack")
    void eventuallyWaitsForAck(JetStreamManagement jsm) {
        fetch(2).forEach(Message::ack);

        assertThatConsumer(jsm, "ORDERS", "worker").eventually().hasAckPending(0);
    }

    @Test
    void eventuallyFailsAfterDeadline(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker")
                        .within(SHORT)
                        .eventually()
                        .hasAckPending(0))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have ack pending:
                          0 within 200 ms
                        but had:
                          2""");
    }

    @Test
    @DisplayName("hasAcknowledged waits for an asynchronous ack() to reach the server")
    void hasAcknowledgedAfterAck(JetStreamManagement jsm) {
        fetch(2).get(0).ack();

        assertThatConsumer(jsm, "ORDERS", "worker").hasAcknowledged(1).hasAckPending(1);
    }

    @Test
    void hasAcknowledgedFailsWithoutAck(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker")
                        .within(SHORT)
                        .hasAcknowledged(1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to have acknowledged:
                          stream sequence 1 within 200 ms
                        but its ack floor stayed at stream sequence 0""");
    }

    @Test
    @DisplayName("hasAcknowledged names the last delivered sequence when the message was never delivered")
    void hasAcknowledgedFailsBeforeDelivery(JetStreamManagement jsm) throws Exception {
        fetch(1).get(0).ackSync(FETCH_WAIT);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker")
                        .within(SHORT)
                        .hasAcknowledged(2))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting consumer:
                          "worker" on stream "ORDERS"
                          pending 1, ack pending 0, redelivered 0, waiting 0
                          delivered: stream sequence 1, consumer sequence 1
                          ack floor: stream sequence 1, consumer sequence 1
                        to have acknowledged:
                          stream sequence 2 within 200 ms
                        but its ack floor stayed at stream sequence 1, and the consumer has delivered only up to \
                        stream sequence 1""");
    }

    @Test
    void hasAcknowledgedAllAfterAck(JetStreamManagement jsm) {
        fetch(2).forEach(Message::ack);

        assertThatConsumer(jsm, "ORDERS", "worker").hasAcknowledgedAll();
    }

    @Test
    void hasAcknowledgedAllFailsWithOneUnacked(JetStreamManagement jsm) throws Exception {
        fetch(2).get(0).ackSync(FETCH_WAIT);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker")
                        .within(SHORT)
                        .hasAcknowledgedAll())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting consumer:
                          "worker" on stream "ORDERS"
                          pending 0, ack pending 1, redelivered 0, waiting 0
                          delivered: stream sequence 2, consumer sequence 2
                          ack floor: stream sequence 1, consumer sequence 1
                        to have acknowledged:
                          every delivered message within 200 ms
                        but 1 message stayed ack pending, and its ack floor stayed at stream sequence 1 behind \
                        delivered stream sequence 2""");
    }

    @Test
    @DisplayName("willNotRedeliver passes after term() without waiting for AckWait")
    void willNotRedeliverAfterTerm(JetStreamManagement jsm) {
        fetch(1).get(0).term();

        assertThatConsumer(jsm, "ORDERS", "worker").willNotRedeliver(1).hasAckPending(0);
    }

    @Test
    void willNotRedeliverFailsWhileAckPending(JetStreamManagement jsm) {
        fetch(2);

        assertThatThrownBy(() -> assertThatConsumer(jsm, "ORDERS", "worker")
                        .within(SHORT)
                        .willNotRedeliver(1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("\nExpecting consumer:\n" + DELIVERED_UNACKED + """

                        to not redeliver:
                          stream sequence 1 within 200 ms
                        but its ack floor stayed at stream sequence 0, so that message may still be ack pending and \
                        be redelivered after AckWait""");
    }

    @Test
    @DisplayName("a message without ack comes back once AckWait passed")
    void redeliveryAfterAckWait(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("slow")
                        .deliverPolicy(DeliverPolicy.Last)
                        .ackPolicy(AckPolicy.Explicit)
                        .ackWait(Duration.ofMillis(500))
                        .build());
        JetStreamSubscription slow = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "slow"));
        slow.fetch(1, FETCH_WAIT);

        // The consumer starts at the last message, so this fetch gets nothing but the redelivery 500 ms later.
        List<Message> redelivered = slow.fetch(1, FETCH_WAIT);

        assertThatJetStreamMessage(redelivered.isEmpty() ? null : redelivered.get(0))
                .hasStreamSequence(2)
                .isRedelivered()
                .hasDeliveryCount(2);
        assertThatConsumer(jsm, "ORDERS", "slow").hasRedeliveredCount(1).hasAckPending(1);
    }
}
