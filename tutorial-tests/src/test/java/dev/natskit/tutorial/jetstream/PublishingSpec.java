package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.assertions.NatsAssertions.assertThatStream;
import static dev.natskit.tutorial.Utf8.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.natskit.junit.NatsServer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

@DisplayName("7. Publishing")
@Order(7)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class PublishingSpec {

    @BeforeEach
    void createStream(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
    }

    @Test
    @Order(1)
    @DisplayName("the publish ack names the stream and the sequence that stored the message")
    void acknowledgesPublish(JetStream js) throws Exception {
        // tag::publish-ack[]
        PublishAck first = js.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8));
        PublishAck second = js.publish("orders.paid", "order-1".getBytes(StandardCharsets.UTF_8));

        assertThat(first.getStream()).isEqualTo("ORDERS");
        assertThat(first.getSeqno()).isEqualTo(1);
        assertThat(second.getSeqno()).isEqualTo(2);
        // end::publish-ack[]
    }

    @Test
    @Order(2)
    @DisplayName("publishing to a subject that no stream captures fails")
    void failsWithoutStream(JetStream js) {
        // tag::no-stream[]
        Throwable thrown =
                catchThrowable(() -> js.publish("invoices.created", "invoice-1".getBytes(StandardCharsets.UTF_8)));
        // end::no-stream[]

        // No stream listens on the subject, so the server replies with status 503 (no responders) at once.
        assertThat(thrown)
                .isInstanceOf(IOException.class)
                .hasMessage("Error Publishing: 503 No Responders Available For Request");
    }

    @Test
    @Order(3)
    @DisplayName("publishAsync returns a future of the publish ack, so many publishes share the wait")
    void publishesAsynchronously(JetStream js) throws Exception {
        // tag::publish-async[]
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            acks.add(js.publishAsync("orders.created", ("order-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        // end::publish-async[]

        List<Long> sequences = new ArrayList<>();
        for (CompletableFuture<PublishAck> ack : acks) {
            sequences.add(ack.get().getSeqno());
        }
        // One connection sends its messages in order, so the stream stores them in publish order.
        assertThat(sequences).as("sequences of the publish acks").isSorted().hasSize(100);
        assertThat(sequences.get(99)).isEqualTo(100);
    }

    @Test
    @Order(4)
    @DisplayName("a message id stores a message once: a duplicate's ack is flagged and names the original sequence")
    void deduplicatesByMessageId(JetStream js, JetStreamManagement jsm) throws Exception {
        js.publish("orders.created", data("order-0"));

        // tag::message-id[]
        PublishOptions options = PublishOptions.builder().messageId("order-1").build();
        PublishAck original = js.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8), options);
        PublishAck duplicate = js.publish("orders.created", "order-1".getBytes(StandardCharsets.UTF_8), options);

        assertThat(original.isDuplicate()).isFalse();
        assertThat(duplicate.isDuplicate()).isTrue();
        assertThat(duplicate.getSeqno()).isEqualTo(original.getSeqno());
        // end::message-id[]

        assertThat(original).hasStream("ORDERS").hasSequence(2);
        assertThatStream(jsm, "ORDERS").hasMessageCount(2);
    }

    @Test
    @Order(5)
    @DisplayName("expected last sequence rejects a publish when another message came first, with error 10071")
    void checksExpectedLastSequence(JetStream js, JetStreamManagement jsm) throws Exception {
        PublishAck read = js.publish("orders.created", data("order-1"));
        // Another writer publishes after this one read the last sequence.
        js.publish("orders.created", data("order-2"));

        // tag::expected-last-sequence[]
        PublishOptions options =
                PublishOptions.builder().expectedLastSequence(read.getSeqno()).build();
        JetStreamApiException conflict = catchThrowableOfType(
                JetStreamApiException.class,
                () -> js.publish("orders.created", "order-3".getBytes(StandardCharsets.UTF_8), options));

        assertThat(conflict.getApiErrorCode()).isEqualTo(10071); // wrong last sequence
        // end::expected-last-sequence[]

        assertThatStream(jsm, "ORDERS").hasMessageCount(2);
        PublishOptions current =
                PublishOptions.builder().expectedLastSequence(2).build();
        assertThat(js.publish("orders.created", data("order-3"), current)).hasSequence(3);
    }

    @Test
    @Order(6)
    @DisplayName("expected last subject sequence guards one subject and lets the others move on")
    void checksExpectedLastSubjectSequence(JetStream js) throws Exception {
        PublishAck created = js.publish("orders.42.status", data("created"));
        js.publish("orders.7.status", data("created"));

        // tag::expected-last-subject-sequence[]
        // Sequence 2 belongs to another subject, so the last message of orders.42.status is still the one read.
        PublishOptions update = PublishOptions.builder()
                .expectedLastSubjectSequence(created.getSeqno())
                .build();
        PublishAck paid = js.publish("orders.42.status", "paid".getBytes(StandardCharsets.UTF_8), update);

        // A second writer that read the same sequence now loses.
        JetStreamApiException conflict = catchThrowableOfType(
                JetStreamApiException.class,
                () -> js.publish("orders.42.status", "cancelled".getBytes(StandardCharsets.UTF_8), update));
        assertThat(conflict.getApiErrorCode()).isEqualTo(10071); // wrong last sequence
        // end::expected-last-subject-sequence[]

        assertThat(paid).hasSequence(3);
    }
}
