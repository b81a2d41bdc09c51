package dev.natskit.tutorial.kafka;

import static dev.natskit.assertions.NatsAssertions.assertThatConsumer;
import static dev.natskit.tutorial.Utf8.data;
import static dev.natskit.tutorial.Utf8.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.StreamContext;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
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

@DisplayName("12. NATS compared with Kafka")
@Order(12)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class NatsVersusKafkaSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Orders published to the stream, in sequence 1 to 6: three for the EU, three for the US, interleaved. */
    private static final List<String> ORDERS =
            List.of("eu:order-1", "us:order-2", "eu:order-3", "us:order-4", "eu:order-5", "us:order-6");

    @BeforeEach
    void createStream(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.*")
                .build());
        for (String order : ORDERS) {
            String region = order.substring(0, order.indexOf(':'));
            js.publish("orders." + region, data(order));
        }
    }

    @Test
    @Order(1)
    @DisplayName("replay from an offset: a consumer starts at any stream sequence, as a Kafka seek does")
    void replaysFromOffset(JetStream js, JetStreamManagement jsm) throws Exception {
        StreamContext stream = js.getStreamContext("ORDERS");
        ConsumerContext billing = stream.createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable("billing").build());
        assertThat(fetchAndAck(billing, ORDERS.size())).containsExactlyElementsOf(ORDERS);

        // tag::seek[]
        // Kafka: consumer.seek(partition, 3). JetStream: a consumer that starts at stream sequence 4.
        stream.deleteConsumer("billing");
        ConsumerContext rewound = stream.createOrUpdateConsumer(ConsumerConfiguration.builder()
                .durable("billing")
                .deliverPolicy(DeliverPolicy.ByStartSequence)
                .startSequence(4)
                .build());
        // end::seek[]

        assertThat(fetchAndAck(rewound, 3)).containsExactlyElementsOf(ORDERS.subList(3, 6));
        assertThatConsumer(jsm, "ORDERS", "billing").hasPending(0);
    }

    @Test
    @Order(2)
    @DisplayName("a consumer group: workers on one durable consumer split the messages, with no partitions")
    void splitsAmongWorkers(JetStream js) throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allHandled = new CountDownLatch(ORDERS.size());
        js.getStreamContext("ORDERS")
                .createOrUpdateConsumer(
                        ConsumerConfiguration.builder().durable("billing").build());

        // tag::consumer-group[]
        // Kafka: every worker sets group.id=billing. JetStream: every worker reads the durable consumer "billing".
        List<MessageConsumer> workers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConsumerContext billing = js.getConsumerContext("ORDERS", "billing");
            workers.add(billing.consume(message -> {
                handled.add(new String(message.getData(), StandardCharsets.UTF_8));
                message.ack();
                allHandled.countDown();
            }));
        }
        // end::consumer-group[]

        try {
            assertThat(allHandled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("%d orders handled within %s", ORDERS.size(), TIMEOUT)
                    .isTrue();
            // Each order once, among all workers. Unlike a Kafka partition, no worker owns a subset of the orders.
            assertThat(handled).containsExactlyInAnyOrderElementsOf(ORDERS);
        } finally {
            for (MessageConsumer worker : workers) {
                worker.stop();
            }
        }
    }

    @Test
    @Order(3)
    @DisplayName("two consumer groups: two durable consumers each read every message")
    void deliversToEveryConsumer(JetStream js) throws Exception {
        StreamContext stream = js.getStreamContext("ORDERS");
        ConsumerContext billing = stream.createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable("billing").build());
        ConsumerContext shipping = stream.createOrUpdateConsumer(
                ConsumerConfiguration.builder().durable("shipping").build());

        assertThat(fetchAndAck(billing, ORDERS.size())).containsExactlyElementsOf(ORDERS);
        assertThat(fetchAndAck(shipping, ORDERS.size())).containsExactlyElementsOf(ORDERS);
    }

    @Test
    @Order(4)
    @DisplayName("ordering: one stream keeps a total order, and a filter reads one subject in that order")
    void keepsOrderPerSubject(JetStream js) throws Exception {
        // tag::key-order[]
        // Kafka keeps order per partition, so records with one key go to one partition. JetStream keeps the
        // stream's order, and a consumer filtered on one subject reads that subject's messages in it.
        ConsumerContext euOnly = js.getStreamContext("ORDERS")
                .createOrUpdateConsumer(ConsumerConfiguration.builder()
                        .durable("eu-billing")
                        .filterSubject("orders.eu")
                        .build());
        // end::key-order[]

        assertThat(fetchAndAck(euOnly, 3)).containsExactly("eu:order-1", "eu:order-3", "eu:order-5");
    }

    /** Fetches {@code count} messages from the consumer, acks each, and returns their data. */
    private static List<String> fetchAndAck(ConsumerContext consumer, int count) throws Exception {
        List<Message> messages = new ArrayList<>();
        try (FetchConsumer batch = consumer.fetchMessages(count)) {
            Message message = batch.nextMessage();
            while (message != null) {
                messages.add(message);
                message.ackSync(TIMEOUT);
                message = batch.nextMessage();
            }
        }
        return texts(messages);
    }
}
