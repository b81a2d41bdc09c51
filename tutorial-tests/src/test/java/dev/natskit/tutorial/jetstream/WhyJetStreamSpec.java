package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.assertions.NatsAssertions.assertThatJetStreamMessage;
import static dev.natskit.tutorial.Utf8.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// tag::nats-server[]
@DisplayName("5. Why JetStream")
@Order(5)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer // JetStream is on by default
class WhyJetStreamSpec {
    // end::nats-server[]

    @Test
    @Order(1)
    @DisplayName("a stream keeps the message that Core NATS drops when nobody subscribes")
    void keepsMessageForLaterReader(Connection connection, NatsServerHandle server) throws Exception {
        // tag::jetstream-context[]
        JetStream js = connection.jetStream();
        JetStreamManagement jsm = connection.jetStreamManagement();
        // end::jetstream-context[]

        // tag::add-stream[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        // end::add-stream[]

        // tag::publish[]
        PublishAck ack = js.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8));
        // end::publish[]
        assertThat(ack.getStream()).isEqualTo("ORDERS");

        try (Connection lateReader = server.connect()) {
            // A Core NATS subscriber that starts now gets nothing: the message was published before it subscribed.
            MessageRecorder coreSubscriber = NatsAssertions.record(lateReader, "orders.>");
            assertThat(coreSubscriber).receivesNothingMore(connection);

            // tag::read-later[]
            JetStreamSubscription subscription = lateReader.jetStream().subscribe("orders.>");
            Message message = subscription.nextMessage(Duration.ofSeconds(1));
            // end::read-later[]

            assertThat(message).hasSubject("orders.created").hasData("order-1");
            message.ack();
        }
    }

    @Test
    @Order(2)
    @DisplayName("a message not acked comes back after AckWait: delivery is at least once")
    void redeliversUntilAcked(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        js.publish("orders.created", data("order-1"));

        // tag::at-least-once[]
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(Duration.ofMillis(300))
                .build();
        JetStreamSubscription subscription = js.subscribe(
                "orders.>",
                PushSubscribeOptions.builder().configuration(consumer).build());

        Message first = subscription.nextMessage(Duration.ofSeconds(1));
        // No ack, as if the handler crashed. After AckWait the server delivers the message again.
        Message second = subscription.nextMessage(Duration.ofSeconds(1));
        second.ack();
        // end::at-least-once[]

        assertThat(first).hasData("order-1");
        assertThatJetStreamMessage(first).hasStreamSequence(1).hasDeliveryCount(1);
        assertThat(second).hasData("order-1");
        assertThatJetStreamMessage(second).hasStreamSequence(1).isRedelivered().hasDeliveryCount(2);
        // hasAcknowledged re-reads the consumer until the server applied the ack, which it does in the background.
        assertThatConsumer(jsm, "ORDERS", subscription.getConsumerName()).hasAcknowledged(1);
    }
}
