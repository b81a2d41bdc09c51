package dev.natskit.tutorial.jetstream;

import static dev.natskit.tutorial.Utf8.data;
import static dev.natskit.tutorial.Utf8.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.OrderedConsumerContext;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.nats.client.api.ReplayPolicy;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("10. Ordered consumption and replay")
@Order(10)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class ReplaySpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The stream every specification here reads, by sequence: 1 to 5. */
    private static final List<String> HISTORY = List.of(
            "orders.created:order-1",
            "orders.paid:order-1",
            "orders.created:order-2",
            "orders.shipped:order-1",
            "orders.paid:order-2");

    @BeforeEach
    void createStream(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.*")
                .build());
        for (String entry : HISTORY) {
            String subject = entry.substring(0, entry.indexOf(':'));
            js.publish(subject, data(entry));
        }
    }

    @Test
    @Order(1)
    @DisplayName("DeliverPolicy.All, the default, starts at the first message of the stream")
    void deliversAll(JetStream js) throws Exception {
        // tag::deliver-all[]
        ConsumerConfiguration consumer =
                ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.All).build();
        // end::deliver-all[]

        assertThat(readToEnd(js, consumer)).containsExactlyElementsOf(HISTORY);
    }

    @Test
    @Order(2)
    @DisplayName("DeliverPolicy.Last starts at the last message of the stream")
    void deliversLast(JetStream js) throws Exception {
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.Last)
                .build();

        assertThat(readToEnd(js, consumer)).containsExactly("orders.paid:order-2");
    }

    @Test
    @Order(3)
    @DisplayName("DeliverPolicy.New skips what is stored and starts with the next message published")
    void deliversNew(JetStream js) throws Exception {
        ConsumerConfiguration consumer =
                ConsumerConfiguration.builder().deliverPolicy(DeliverPolicy.New).build();
        JetStreamSubscription subscription = js.subscribe(
                "orders.*",
                PushSubscribeOptions.builder().configuration(consumer).build());
        assertThat(subscription.getConsumerInfo().getNumPending())
                .as("messages to deliver")
                .isZero();

        js.publish("orders.created", data("orders.created:order-3"));

        assertThat(text(subscription.nextMessage(TIMEOUT))).isEqualTo("orders.created:order-3");
    }

    @Test
    @Order(4)
    @DisplayName("DeliverPolicy.ByStartSequence starts at a given stream sequence")
    void deliversFromSequence(JetStream js) throws Exception {
        // tag::deliver-by-start-sequence[]
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(3)
                .build();
        // end::deliver-by-start-sequence[]

        assertThat(readToEnd(js, consumer)).containsExactlyElementsOf(HISTORY.subList(2, 5));
    }

    @Test
    @Order(5)
    @DisplayName("DeliverPolicy.ByStartTime starts at the first message stored at or after a given time")
    void deliversFromTime(JetStream js, JetStreamManagement jsm) throws Exception {
        ZonedDateTime fourthStored = jsm.getMessage("ORDERS", 4).getTime();

        // tag::deliver-by-start-time[]
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.ByStartTime)
                .startTime(fourthStored)
                .build();
        // end::deliver-by-start-time[]

        assertThat(readToEnd(js, consumer)).containsExactlyElementsOf(HISTORY.subList(3, 5));
    }

    @Test
    @Order(6)
    @DisplayName("DeliverPolicy.LastPerSubject delivers the newest message of each subject")
    void deliversLastPerSubject(JetStream js) throws Exception {
        // tag::deliver-last-per-subject[]
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .deliverPolicy(DeliverPolicy.LastPerSubject)
                .build();
        // end::deliver-last-per-subject[]

        // In stream order: the newest orders.created (3), orders.shipped (4) and orders.paid (5).
        assertThat(readToEnd(js, consumer)).containsExactlyElementsOf(HISTORY.subList(2, 5));
    }

    @Test
    @Order(7)
    @DisplayName("ReplayPolicy.Original delivers at the pace of publishing, ReplayPolicy.Instant at once")
    void replaysAtOriginalPace(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(
                StreamConfiguration.builder().name("TICKS").subjects("ticks").build());
        js.publish("ticks", data("tick-1"));
        // The scenario needs two messages 400 ms apart, so a timer publishes the second.
        CompletableFuture.runAsync(
                        () -> publishQuietly(js, "ticks", "tick-2"),
                        CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS))
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Duration publishGap = Duration.between(
                jsm.getMessage("TICKS", 1).getTime(), jsm.getMessage("TICKS", 2).getTime());

        // tag::replay-original[]
        ConsumerConfiguration original = ConsumerConfiguration.builder()
                .replayPolicy(ReplayPolicy.Original)
                .build();
        // end::replay-original[]
        ConsumerConfiguration instant = ConsumerConfiguration.builder()
                .replayPolicy(ReplayPolicy.Instant) // the default
                .build();

        Duration originalGap = deliveryGap(js, original);
        Duration instantGap = deliveryGap(js, instant);

        assertThat(publishGap).as("gap between the publishes").isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(originalGap)
                .as("gap between deliveries replayed at the original pace")
                .isGreaterThanOrEqualTo(publishGap.minusMillis(50));
        assertThat(instantGap).as("gap between deliveries replayed instantly").isLessThan(publishGap.dividedBy(2));
    }

    @Test
    @Order(8)
    @DisplayName("an ordered consumer reads the stream in order, with no acks and no consumer to manage")
    void readsWithOrderedConsumer(JetStream js) throws Exception {
        // tag::ordered-push[]
        PushSubscribeOptions options =
                PushSubscribeOptions.builder().ordered(true).build();
        JetStreamSubscription subscription = js.subscribe("orders.*", options);
        // end::ordered-push[]
        List<String> legacy = new ArrayList<>();
        for (int i = 0; i < HISTORY.size(); i++) {
            legacy.add(text(subscription.nextMessage(TIMEOUT)));
        }
        assertThat(legacy).as("read by js.subscribe with ordered(true)").containsExactlyElementsOf(HISTORY);

        // tag::ordered-simplified[]
        OrderedConsumerContext ordered = js.getStreamContext("ORDERS")
                .createOrderedConsumer(new OrderedConsumerConfiguration().filterSubject("orders.paid"));
        List<String> payments = new ArrayList<>();
        try (IterableConsumer iterator = ordered.iterate()) {
            for (int i = 0; i < 2; i++) {
                Message message = iterator.nextMessage(Duration.ofSeconds(1));
                payments.add(new String(message.getData(), StandardCharsets.UTF_8));
            }
        }
        // end::ordered-simplified[]
        assertThat(payments).containsExactly("orders.paid:order-1", "orders.paid:order-2");
    }

    /**
     * Reads an ephemeral push consumer until it has delivered every message it will, and returns the data. Nothing
     * is acked, so the messages the consumer will ever deliver are those it still has to deliver (pending) plus
     * those it already delivered (ack pending), and the loop needs no quiet period.
     */
    private static List<String> readToEnd(JetStream js, ConsumerConfiguration consumer) throws Exception {
        JetStreamSubscription subscription = js.subscribe(
                "orders.*",
                PushSubscribeOptions.builder().configuration(consumer).build());
        ConsumerInfo info = subscription.getConsumerInfo();
        long toDeliver = info.getNumPending() + info.getNumAckPending();
        List<String> received = new ArrayList<>();
        for (long i = 0; i < toDeliver; i++) {
            Message message = subscription.nextMessage(TIMEOUT);
            assertThat(message).as("delivery %d of %d", i + 1, toDeliver).isNotNull();
            received.add(text(message));
        }
        subscription.unsubscribe();
        return received;
    }

    /** Returns the time between the client receiving the first and the second message of the consumer. */
    private static Duration deliveryGap(JetStream js, ConsumerConfiguration consumer) throws Exception {
        JetStreamSubscription subscription = js.subscribe(
                "ticks", PushSubscribeOptions.builder().configuration(consumer).build());
        Message first = subscription.nextMessage(TIMEOUT);
        long firstReceived = System.nanoTime();
        Message second = subscription.nextMessage(TIMEOUT);
        long secondReceived = System.nanoTime();
        assertThat(text(first)).isEqualTo("tick-1");
        assertThat(text(second)).isEqualTo("tick-2");
        subscription.unsubscribe();
        return Duration.ofNanos(secondReceived - firstReceived);
    }

    private static void publishQuietly(JetStream js, String subject, String text) {
        try {
            js.publish(subject, data(text));
        } catch (Exception e) {
            throw new IllegalStateException("Failed to publish " + text + " to " + subject, e);
        }
    }
}
