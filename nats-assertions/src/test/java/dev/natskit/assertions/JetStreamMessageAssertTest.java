package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThatJetStreamMessage;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer
class JetStreamMessageAssertTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    private JetStreamSubscription subscription;

    @BeforeEach
    void createConsumer(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.Memory)
                .build());
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        js.publish("orders.created", "order-1".getBytes(UTF_8));
        subscription = js.subscribe(null, PullSubscribeOptions.bind("ORDERS", "worker"));
    }

    /** Fetches the next delivery of the one stored message. */
    private Message next() {
        List<Message> messages = subscription.fetch(1, WAIT);
        return messages.isEmpty() ? null : messages.get(0);
    }

    @Test
    void firstDeliveryPasses() {
        assertThatJetStreamMessage(next())
                .hasStream("ORDERS")
                .hasConsumer("worker")
                .hasStreamSequence(1)
                .hasConsumerSequence(1)
                .hasDeliveryCount(1)
                .isNotRedelivered();
    }

    @Test
    @DisplayName("a redelivery after nak keeps the stream sequence and counts up")
    void redeliveryPasses() {
        next().nak();

        assertThatJetStreamMessage(next())
                .hasStreamSequence(1)
                .hasConsumerSequence(2)
                .hasDeliveryCount(2)
                .isRedelivered();
    }

    @Test
    void hasStreamFails() {
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).hasStream("PAYMENTS"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 1, delivery count 1
                        to have stream:
                          "PAYMENTS"
                        but had:
                          "ORDERS\"""");
    }

    @Test
    void hasConsumerFails() {
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).hasConsumer("auditor"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 1, delivery count 1
                        to have consumer:
                          "auditor"
                        but had:
                          "worker\"""");
    }

    @Test
    void hasStreamSequenceFails() {
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).hasStreamSequence(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 1, delivery count 1
                        to have stream sequence:
                          2
                        but had:
                          1""");
    }

    @Test
    void hasConsumerSequenceFails() {
        next().nak();
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).hasConsumerSequence(1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 2, delivery count 2
                        to have consumer sequence:
                          1
                        but had:
                          2""");
    }

    @Test
    void hasDeliveryCountFails() {
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).hasDeliveryCount(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 1, delivery count 1
                        to have delivery count:
                          2
                        but had:
                          1""");
    }

    @Test
    void isRedeliveredFailsOnFirstDelivery() {
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).isRedelivered())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 1, delivery count 1
                        to be redelivered
                        but it was the first delivery (delivery count 1)""");
    }

    @Test
    void isNotRedeliveredFailsOnRedelivery() {
        next().nak();
        Message message = next();

        assertThatThrownBy(() -> assertThatJetStreamMessage(message).isNotRedelivered())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting JetStream message:
                          orders.created: "order-1"
                          stream "ORDERS" sequence 1, consumer "worker" sequence 2, delivery count 2
                        to not be redelivered
                        but it was delivery number 2""");
    }

    @Test
    @DisplayName("a core message on a push consumer's deliver subject carries the metadata too")
    void recorderMessageOnDeliverSubject(Connection connection, JetStreamManagement jsm, JetStream js)
            throws Exception {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "deliver.audit")) {
            jsm.addOrUpdateConsumer(
                    "ORDERS",
                    ConsumerConfiguration.builder()
                            .durable("audit")
                            .deliverSubject("deliver.audit")
                            .ackPolicy(AckPolicy.None)
                            .build());

            NatsAssertions.assertThat(recorder).receives(1);

            assertThatJetStreamMessage(recorder.messages().get(0))
                    .hasConsumer("audit")
                    .hasStreamSequence(1)
                    .hasDeliveryCount(1);
        }
    }

    @Test
    void coreMessageFails() {
        Message core = NatsMessage.builder().subject("orders").data("x", UTF_8).build();

        assertThatThrownBy(() -> assertThatJetStreamMessage(core).hasDeliveryCount(1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting message:
                          orders: "x"
                        to be a message that a JetStream consumer delivered
                        but it had no reply subject, while a consumer delivers with a reply subject that starts with \
                        $JS.ACK. and carries the stream sequence and delivery count""");
    }

    @Test
    void nullMessageFails() {
        assertThatThrownBy(() -> assertThatJetStreamMessage(null).isRedelivered())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting message:
                          null
                        to be a message that a JetStream consumer delivered
                        but it was null, which jnats nextMessage(...) returns when no message arrives in time""");
    }
}
