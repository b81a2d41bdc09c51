package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.assertions.NatsAssertions.assertThatJetStreamMessage;
import static dev.natskit.tutorial.Utf8.data;
import static dev.natskit.tutorial.Utf8.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.natskit.assertions.AdvisoryRecorder;
import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import dev.natskit.tutorial.Eventually;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("8. Push consumers")
@Order(8)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class PushConsumersSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** An AckWait that no passing run reaches, for the specifications where a redelivery must come from elsewhere. */
    private static final Duration LONG_ACK_WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void createStream(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
    }

    @Test
    @Order(1)
    @DisplayName("the server pushes each message to the handler, which acks it")
    void pushesToHandler(Connection connection, JetStream js, JetStreamManagement jsm) throws Exception {
        for (int i = 1; i <= 3; i++) {
            js.publish("orders.created", data("order-" + i));
        }
        List<String> orders = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch handled = new CountDownLatch(3);

        // tag::push-subscribe[]
        Dispatcher dispatcher = connection.createDispatcher();
        MessageHandler handler = message -> {
            orders.add(new String(message.getData(), StandardCharsets.UTF_8));
            message.ack();
            handled.countDown();
        };
        PushSubscribeOptions options =
                PushSubscribeOptions.builder().durable("billing").build();
        boolean autoAck = false; // ack by hand, like nats.ManualAck()
        JetStreamSubscription subscription = js.subscribe("orders.>", dispatcher, handler, autoAck, options);
        // end::push-subscribe[]

        assertThat(handled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("3 messages handled within %s", TIMEOUT)
                .isTrue();
        assertThat(orders).containsExactly("order-1", "order-2", "order-3");
        assertThat(subscription.getConsumerName()).isEqualTo("billing");
        assertThatConsumer(jsm, "ORDERS", "billing")
                .hasAcknowledgedAll()
                .hasAckFloorStreamSequence(3)
                .hasPending(0);
    }

    @Test
    @Order(2)
    @DisplayName("a durable consumer resumes after the last acked message on a new subscription")
    void resumesDurable(JetStream js, JetStreamManagement jsm) throws Exception {
        js.publish("orders.created", data("order-1"));
        PushSubscribeOptions options =
                PushSubscribeOptions.builder().durable("billing").build();

        JetStreamSubscription first = js.subscribe("orders.>", options);
        Message one = first.nextMessage(TIMEOUT);
        one.ackSync(TIMEOUT);
        first.unsubscribe();
        assertThat(jsm.getConsumerNames("ORDERS"))
                .as("consumers after unsubscribe")
                .containsExactly("billing");

        // Published while nobody subscribes to the consumer: it waits in the stream.
        js.publish("orders.created", data("order-2"));
        JetStreamSubscription second = js.subscribe("orders.>", options);
        Message next = second.nextMessage(TIMEOUT);

        assertThat(text(one)).isEqualTo("order-1");
        assertThat(next).as("first message of the new subscription").hasData("order-2");
        assertThatJetStreamMessage(next).isNotRedelivered();
    }

    @Test
    @Order(3)
    @DisplayName("an ephemeral consumer is deleted once nobody subscribes to it for its inactive threshold")
    void deletesEphemeral(Connection connection, JetStream js, JetStreamManagement jsm) throws Exception {
        try (MessageRecorder deleted =
                NatsAssertions.record(connection, "$JS.EVENT.ADVISORY.CONSUMER.DELETED.ORDERS.*")) {
            // tag::ephemeral[]
            ConsumerConfiguration ephemeral = ConsumerConfiguration.builder()
                    .inactiveThreshold(Duration.ofMillis(300))
                    .build();
            JetStreamSubscription subscription = js.subscribe(
                    "orders.>",
                    PushSubscribeOptions.builder().configuration(ephemeral).build());
            // end::ephemeral[]
            String name = subscription.getConsumerName();
            assertThat(jsm.getConsumerNames("ORDERS")).containsExactly(name);

            subscription.unsubscribe();

            assertThat(deleted).receives(1).withSubjects("$JS.EVENT.ADVISORY.CONSUMER.DELETED.ORDERS." + name);
            // nats-server 2.10 may send the advisory just before the consumer leaves the list.
            Eventually.await(
                    "the consumer list to be empty", TIMEOUT, () -> jsm.getConsumerNames("ORDERS"), List::isEmpty);
        }
    }

    @Test
    @Order(4)
    @DisplayName("a message not acked within AckWait is delivered again, flagged as redelivered")
    void redeliversAfterAckWait(JetStream js) throws Exception {
        js.publish("orders.created", data("order-1"));

        // tag::ack-wait[]
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable("billing")
                .ackWait(Duration.ofMillis(300))
                .build();
        JetStreamSubscription subscription = js.subscribe(
                "orders.>",
                PushSubscribeOptions.builder().configuration(consumer).build());

        Message first = subscription.nextMessage(Duration.ofSeconds(1));
        // no ack
        Message again = subscription.nextMessage(Duration.ofSeconds(1));

        assertThat(again.metaData().deliveredCount()).isEqualTo(2);
        assertThat(again.metaData().streamSequence()).isEqualTo(first.metaData().streamSequence());
        // end::ack-wait[]
        again.ack();
    }

    @Test
    @Order(5)
    @DisplayName("nak asks for the message again at once, long before AckWait")
    void redeliversOnNak(JetStream js) throws Exception {
        js.publish("orders.created", data("order-1"));
        JetStreamSubscription subscription = js.subscribe("orders.>", withAckWait(LONG_ACK_WAIT));
        Message first = subscription.nextMessage(TIMEOUT);

        long naked = System.nanoTime();
        // tag::nak[]
        first.nak();
        Message again = subscription.nextMessage(Duration.ofSeconds(1));
        // end::nak[]
        Duration waited = Duration.ofNanos(System.nanoTime() - naked);

        assertThat(again).hasData("order-1");
        assertThatJetStreamMessage(again).isRedelivered().hasDeliveryCount(2);
        assertThat(waited).as("time until the redelivery").isLessThan(LONG_ACK_WAIT);
        again.ack();
    }

    @Test
    @Order(6)
    @DisplayName("nakWithDelay asks for the message again after the delay")
    void redeliversAfterNakDelay(JetStream js) throws Exception {
        js.publish("orders.created", data("order-1"));
        JetStreamSubscription subscription = js.subscribe("orders.>", withAckWait(LONG_ACK_WAIT));
        Message first = subscription.nextMessage(TIMEOUT);

        long naked = System.nanoTime();
        // tag::nak-with-delay[]
        first.nakWithDelay(Duration.ofMillis(300));
        // end::nak-with-delay[]
        Message again = subscription.nextMessage(TIMEOUT);
        Duration waited = Duration.ofNanos(System.nanoTime() - naked);

        assertThatJetStreamMessage(again).isRedelivered().hasDeliveryCount(2);
        assertThat(waited).as("time until the redelivery").isBetween(Duration.ofMillis(300), LONG_ACK_WAIT);
        again.ack();
    }

    @Test
    @Order(7)
    @DisplayName("term ends the message's deliveries for good, which the consumer state shows at once")
    void terminates(JetStream js, JetStreamManagement jsm) throws Exception {
        js.publish("orders.created", data("order-1"));
        JetStreamSubscription subscription = js.subscribe("orders.>", withAckWait(Duration.ofMillis(300)));
        Message message = subscription.nextMessage(TIMEOUT);

        // tag::term[]
        message.term();

        // The ack floor passed the message, so the server will not deliver it again. No need to sit out AckWait.
        assertThatConsumer(jsm, "ORDERS", "billing").willNotRedeliver(1);
        // end::term[]
        assertThatConsumer(jsm, "ORDERS", "billing").hasRedeliveredCount(0).hasAckPending(0);
    }

    @Test
    @Order(8)
    @DisplayName("from nats-server 2.11, term also sends a MSG_TERMINATED advisory")
    void reportsTerm(Connection connection, JetStream js, NatsServerHandle server) throws Exception {
        assumeTrue(
                atLeast(server.version(), 2, 11),
                "nats-server " + server.version() + " sends no MSG_TERMINATED advisory");
        js.publish("orders.created", data("order-1"));
        JetStreamSubscription subscription = js.subscribe("orders.>", withAckWait(LONG_ACK_WAIT));
        Message message = subscription.nextMessage(TIMEOUT);

        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "billing")) {
            message.term();

            assertThat(advisories).reportsTerminated(1);
        }
    }

    @Test
    @Order(9)
    @DisplayName("inProgress resets the AckWait deadline while the work goes on")
    void extendsDeadline(JetStream js) throws Exception {
        js.publish("orders.created", data("order-1"));
        Duration ackWait = Duration.ofMillis(600);
        JetStreamSubscription subscription = js.subscribe("orders.>", withAckWait(ackWait));
        Message message = subscription.nextMessage(TIMEOUT);
        long received = System.nanoTime();

        // Three slices of half the AckWait each: the work takes longer than AckWait, but each inProgress sets
        // the deadline one AckWait ahead again. Each slice is a wait for a redelivery that must not come.
        Duration slice = ackWait.dividedBy(2);
        for (int i = 0; i < 3; i++) {
            assertThat(subscription.nextMessage(slice))
                    .as("a redelivery during slice %d", i + 1)
                    .isNull();
            // tag::in-progress[]
            message.inProgress();
            // end::in-progress[]
        }
        Duration worked = Duration.ofNanos(System.nanoTime() - received);
        message.ackSync(TIMEOUT);

        assertThat(worked).as("time between delivery and ack").isGreaterThan(ackWait);
        ConsumerInfo info = subscription.getConsumerInfo();
        assertThat(info.getRedelivered()).as("messages redelivered").isZero();
        assertThat(info.getNumAckPending()).as("messages pending an ack").isZero();
    }

    @Test
    @Order(10)
    @DisplayName("after MaxDeliver deliveries the server gives up and sends a max deliveries advisory")
    void stopsAtMaxDeliver(Connection connection, JetStream js) throws Exception {
        js.publish("orders.created", data("order-1"));
        // tag::max-deliver[]
        AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "billing");

        ConsumerConfiguration consumer =
                ConsumerConfiguration.builder().durable("billing").maxDeliver(2).build();
        JetStreamSubscription subscription = js.subscribe(
                "orders.>",
                PushSubscribeOptions.builder().configuration(consumer).build());
        subscription.nextMessage(Duration.ofSeconds(1)).nak();
        subscription.nextMessage(Duration.ofSeconds(1)).nak();

        assertThat(advisories).reportsMaxDeliveries(1);
        // end::max-deliver[]

        // The advisory comes when the server would deliver a third time and does not.
        assertThat(subscription.getPendingMessageCount())
                .as("third deliveries received")
                .isZero();
        advisories.close();
    }

    @Test
    @Order(11)
    @DisplayName("a deliver group spreads the messages over its members, each message to one member")
    void spreadsOverDeliverGroup(JetStream js, NatsServerHandle server) throws Exception {
        int messageCount = 50;
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        List<List<String>> perMember = new ArrayList<>();
        CountDownLatch allHandled = new CountDownLatch(messageCount);
        List<Connection> members = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Connection member = server.connect();
                members.add(member);
                List<String> mine = Collections.synchronizedList(new ArrayList<>());
                perMember.add(mine);
                MessageHandler handler = message -> {
                    mine.add(text(message));
                    handled.add(text(message));
                    message.ack();
                    allHandled.countDown();
                };
                // tag::deliver-group[]
                JetStream memberJs = member.jetStream();
                memberJs.subscribe(
                        "orders.>",
                        "workers", // the deliver group, like a queue group
                        member.createDispatcher(),
                        handler,
                        false, // autoAck: the handler acks
                        PushSubscribeOptions.builder().durable("workers").build());
                // end::deliver-group[]
            }

            List<String> orders = new ArrayList<>();
            for (int i = 1; i <= messageCount; i++) {
                orders.add("order-" + i);
                js.publish("orders.created", data("order-" + i));
            }

            assertThat(allHandled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d messages handled within %s", messageCount, TIMEOUT)
                    .isTrue();
            assertThat(handled).as("messages handled by the group").containsExactlyInAnyOrderElementsOf(orders);
            // The server picks a member at random; the chance that one of 2 gets none of 50 is 2 * 2^-50.
            assertThat(perMember)
                    .as("messages per member")
                    .allSatisfy(mine -> assertThat(mine).isNotEmpty());
        } finally {
            for (Connection member : members) {
                member.close();
            }
        }
    }

    private static PushSubscribeOptions withAckWait(Duration ackWait) {
        return PushSubscribeOptions.builder()
                .configuration(ConsumerConfiguration.builder()
                        .durable("billing")
                        .ackWait(ackWait)
                        .build())
                .build();
    }

    private static boolean atLeast(String version, int major, int minor) {
        String[] parts = version.split("\\.");
        int actualMajor = Integer.parseInt(parts[0]);
        int actualMinor = Integer.parseInt(parts[1]);
        return actualMajor > major || (actualMajor == major && actualMinor >= minor);
    }
}
