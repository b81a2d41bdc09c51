package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.assertions.NatsAssertions.assertThatJetStreamMessage;
import static dev.natskit.assertions.NatsAssertions.assertThatStream;
import static dev.natskit.tutorial.Utf8.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import dev.natskit.tutorial.Eventually;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("11. Exactly once in practice")
@Order(11)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class ExactlyOnceSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @Order(1)
    @DisplayName("a publisher that retries with the same message id stores the message once")
    void storesRetryOnce(JetStream js, JetStreamManagement jsm) throws Exception {
        createOrders(jsm, Duration.ofMinutes(2));

        // tag::publish-once[]
        PublishOptions options = PublishOptions.builder()
                .messageId("order-42") // an id of the business event, the same on every retry
                .build();
        PublishAck first = js.publish("orders.created", "order-42".getBytes(StandardCharsets.UTF_8), options);
        // Say the ack of the first publish was lost on the way back, so the publisher sends again.
        PublishAck retry = js.publish("orders.created", "order-42".getBytes(StandardCharsets.UTF_8), options);

        assertThat(first).isNotDuplicate().hasSequence(1);
        assertThat(retry).isDuplicate().hasSequence(1);
        // end::publish-once[]
        assertThatStream(jsm, "ORDERS").hasMessageCount(1);
    }

    @Test
    @Order(2)
    @DisplayName("ackSync returns once the server recorded the ack, so the message is settled")
    void confirmsAck(JetStream js, JetStreamManagement jsm) throws Exception {
        createOrders(jsm, Duration.ofMinutes(2));
        js.publish("orders.created", data("order-42"));
        JetStreamSubscription subscription = js.subscribe(
                "orders.>", PullSubscribeOptions.builder().durable("billing").build());

        // tag::ack-sync[]
        Message message = subscription.fetch(1, Duration.ofSeconds(1)).get(0);
        message.ackSync(Duration.ofSeconds(1)); // throws TimeoutException when no confirmation comes

        // No waiting: when ackSync returned, the server had recorded the ack.
        assertThatConsumer(jsm, "ORDERS", "billing").hasAcknowledged(1).hasAckPending(0);
        // end::ack-sync[]
    }

    @Test
    @Order(3)
    @DisplayName("a consumer that stops after its work but before its ack gets the message again")
    void redeliversWorkNotAcked(JetStream js, JetStreamManagement jsm) throws Exception {
        createOrders(jsm, Duration.ofMinutes(2));
        js.publish(
                "orders.created",
                data("order-42"),
                PublishOptions.builder().messageId("order-42").build());
        PullSubscribeOptions options = PullSubscribeOptions.builder()
                .durable("billing")
                .configuration(ConsumerConfiguration.builder()
                        .ackWait(Duration.ofMillis(300))
                        .build())
                .build();
        Set<String> charged = new HashSet<>();
        List<String> charges = new ArrayList<>();

        JetStreamSubscription crashing = js.subscribe("orders.>", options);
        Message firstDelivery = crashing.fetch(1, TIMEOUT).get(0);
        charged.add(firstDelivery.getHeaders().getFirst("Nats-Msg-Id"));
        charges.add("order-42");
        // The process dies here: the work is done, the ack is never sent.
        crashing.unsubscribe();

        JetStreamSubscription restarted = js.subscribe("orders.>", options);
        Message message = restarted.fetch(1, TIMEOUT).get(0);
        assertThatJetStreamMessage(message).isRedelivered().hasDeliveryCount(2);
        // tag::idempotent[]
        String orderId = message.getHeaders().getFirst("Nats-Msg-Id");
        if (charged.add(orderId)) { // false: this order was charged before the crash
            charges.add(orderId);
        }
        message.ackSync(Duration.ofSeconds(1));
        // end::idempotent[]

        assertThat(charges).as("charges made").containsExactly("order-42");
        assertThatConsumer(jsm, "ORDERS", "billing").hasAcknowledged(1);
    }

    @Test
    @Order(4)
    @DisplayName("a message id is forgotten once the duplicate window has passed")
    void forgetsIdAfterWindow(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::duplicate-window[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .duplicateWindow(Duration.ofMillis(300)) // default: 2 minutes
                .build());
        // end::duplicate-window[]
        PublishOptions options = PublishOptions.builder().messageId("order-42").build();
        js.publish("orders.created", data("order-42"), options);

        // The server announces no end of the window, so the retry is repeated until it is stored again.
        PublishAck late = Eventually.await(
                "a retry with the same message id to be stored again",
                TIMEOUT,
                () -> js.publish("orders.created", data("order-42"), options),
                ack -> !ack.isDuplicate());
        // Measured with the server's clock, which stamps each message when it stores it.
        Duration remembered = Duration.between(
                jsm.getMessage("ORDERS", 1).getTime(),
                jsm.getMessage("ORDERS", 2).getTime());

        assertThat(late).hasSequence(2);
        assertThat(remembered).as("time the id was remembered").isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThatStream(jsm, "ORDERS").hasMessageCount(2);
    }

    private static void createOrders(JetStreamManagement jsm, Duration duplicateWindow) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .duplicateWindow(duplicateWindow)
                .build());
    }
}
