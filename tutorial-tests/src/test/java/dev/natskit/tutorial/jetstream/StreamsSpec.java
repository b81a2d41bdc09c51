package dev.natskit.tutorial.jetstream;

import static dev.natskit.assertions.NatsAssertions.assertThatStream;
import static dev.natskit.tutorial.Utf8.data;
import static dev.natskit.tutorial.Utf8.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import dev.natskit.tutorial.Eventually;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.PurgeResponse;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.StreamState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("6. Streams")
@Order(6)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer
class StreamsSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** JetStream API error code: the stream is not found. */
    private static final int STREAM_NOT_FOUND = 10059;

    /** JetStream API error code: the subjects overlap with those of another stream. */
    private static final int SUBJECTS_OVERLAP = 10065;

    /** JetStream API error code: a consumer's filter overlaps the filter of another consumer of a work queue. */
    private static final int FILTERED_CONSUMER_NOT_UNIQUE = 10100;

    @Test
    @Order(1)
    @DisplayName("addStream creates a stream that stores every message published on its subjects")
    void createsStream(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::create[]
        StreamInfo created = jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.*", "refunds.>")
                .build());
        // end::create[]
        assertThat(created.getConfiguration().getSubjects()).containsExactly("orders.*", "refunds.>");

        js.publish("orders.created", data("order-1"));
        js.publish("refunds.eu.created", data("refund-1"));

        assertThatStream(jsm, "ORDERS").hasMessageCount(2).hasFirstSequence(1).hasLastSequence(2);
    }

    @Test
    @Order(2)
    @DisplayName("getStreamInfo reports the configuration and the state, per subject on request")
    void reportsInfo(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        js.publish("orders.created", data("order-1"));
        js.publish("orders.created", data("order-2"));
        js.publish("orders.paid", data("order-1"));

        // tag::info[]
        StreamInfo info = jsm.getStreamInfo("ORDERS", StreamInfoOptions.allSubjects());
        StreamState state = info.getStreamState();

        assertThat(info.getConfiguration().getStorageType()).isEqualTo(StorageType.File);
        assertThat(state.getMsgCount()).isEqualTo(3);
        assertThat(state.getByteCount()).isPositive();
        assertThat(state.getLastSequence()).isEqualTo(3);
        assertThat(state.getSubjectMap()).containsEntry("orders.created", 2L).containsEntry("orders.paid", 1L);
        // end::info[]
    }

    @Test
    @Order(3)
    @DisplayName("updateStream changes the configuration and keeps the messages")
    void updatesStream(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        js.publish("orders.created", data("order-1"));

        // tag::update[]
        StreamConfiguration current = jsm.getStreamInfo("ORDERS").getConfiguration();
        StreamInfo updated = jsm.updateStream(StreamConfiguration.builder(current)
                .addSubjects("returns.>")
                .maxMessages(1_000)
                .build());
        // end::update[]

        assertThat(updated.getConfiguration().getSubjects()).containsExactly("orders.>", "returns.>");
        assertThat(updated.getConfiguration().getMaxMsgs()).isEqualTo(1_000);
        assertThat(updated.getStreamState().getMsgCount())
                .as("messages kept by the update")
                .isEqualTo(1);
        assertThat(js.publish("returns.created", data("return-1")).getStream()).isEqualTo("ORDERS");
    }

    @Test
    @Order(4)
    @DisplayName("purgeStream removes the messages, and the sequence goes on where it was")
    void purgesStream(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());
        for (int i = 1; i <= 3; i++) {
            js.publish("orders.created", data("order-" + i));
        }

        // tag::purge[]
        PurgeResponse purged = jsm.purgeStream("ORDERS");
        // end::purge[]

        assertThat(purged.getPurged()).as("messages purged").isEqualTo(3);
        assertThatStream(jsm, "ORDERS").hasMessageCount(0).hasFirstSequence(4);
        assertThat(js.publish("orders.created", data("order-4")).getSeqno())
                .as("sequence of the next message")
                .isEqualTo(4);
    }

    @Test
    @Order(5)
    @DisplayName("deleteStream removes the stream, and asking for it then fails with error 10059")
    void deletesStream(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());

        // tag::delete[]
        boolean deleted = jsm.deleteStream("ORDERS");
        // end::delete[]

        assertThat(deleted).isTrue();
        JetStreamApiException notFound =
                catchThrowableOfType(JetStreamApiException.class, () -> jsm.getStreamInfo("ORDERS"));
        assertThat(notFound.getApiErrorCode()).isEqualTo(STREAM_NOT_FOUND);
        assertThat(jsm.getStreamNames()).isEmpty();
    }

    @Test
    @Order(6)
    @DisplayName("two streams cannot capture the same subject")
    void rejectsOverlappingSubjects(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .build());

        JetStreamApiException overlap = catchThrowableOfType(
                JetStreamApiException.class,
                () -> jsm.addStream(StreamConfiguration.builder()
                        .name("EU_ORDERS")
                        .subjects("orders.eu.*")
                        .build()));

        assertThat(overlap.getApiErrorCode()).isEqualTo(SUBJECTS_OVERLAP);
    }

    @Test
    @Order(7)
    @NatsServer
    @DisplayName("a file stream keeps its messages over a server restart, a memory stream loses them")
    void storesInFileOrMemory(Connection connection, NatsServerHandle server) throws Exception {
        // This method has a server of its own, so the restart disturbs no other specification.
        JetStream js = connection.jetStream();
        JetStreamManagement jsm = connection.jetStreamManagement();
        // tag::storage[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.File) // the default
                .build());
        jsm.addStream(StreamConfiguration.builder()
                .name("PRICES")
                .subjects("prices.>")
                .storageType(StorageType.Memory)
                .build());
        // end::storage[]
        js.publish("orders.created", data("order-1"));
        js.publish("prices.eur", data("1.08"));

        server.restart();

        // The connection reconnects by itself; the probe waits until JetStream responds again.
        List<String> streams = Eventually.await(
                "JetStream to answer after the restart", TIMEOUT, () -> streamNamesOrNull(jsm), names -> names != null);
        assertThat(streams).as("streams after the restart").containsExactly("ORDERS");
        assertThatStream(jsm, "ORDERS").hasMessageCount(1);
    }

    @Test
    @Order(8)
    @DisplayName("max messages with discard old drops the oldest message to store a new one")
    void discardsOldest(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::discard-old[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .maxMessages(3)
                .discardPolicy(DiscardPolicy.Old) // the default
                .build());
        // end::discard-old[]
        for (int i = 1; i <= 5; i++) {
            js.publish("orders.created", data("order-" + i));
        }

        assertThatStream(jsm, "ORDERS").hasMessageCount(3).hasFirstSequence(3);
        assertThat(text(jsm.getMessage("ORDERS", 3))).isEqualTo("order-3");
    }

    @Test
    @Order(9)
    @DisplayName("max messages with discard new rejects the new message with error 10077")
    void discardsNew(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::discard-new[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .maxMessages(3)
                .discardPolicy(DiscardPolicy.New)
                .build());
        for (int i = 1; i <= 3; i++) {
            js.publish("orders.created", ("order-" + i).getBytes(StandardCharsets.UTF_8));
        }

        JetStreamApiException full = catchThrowableOfType(
                JetStreamApiException.class,
                () -> js.publish("orders.created", "order-4".getBytes(StandardCharsets.UTF_8)));
        assertThat(full.getApiErrorCode()).isEqualTo(10077); // maximum messages exceeded
        // end::discard-new[]

        assertThatStream(jsm, "ORDERS").hasMessageCount(3).hasFirstSequence(1).hasLastSequence(3);
    }

    @Test
    @Order(10)
    @DisplayName("max bytes drops the oldest messages to keep the stream within its size")
    void limitsBytes(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .maxBytes(1_024)
                .build());
        byte[] data = new byte[200];
        for (int i = 0; i < 20; i++) {
            js.publish("orders.created", data);
        }

        // Each message also stores its subject and a header, so fewer than 1024 / 200 messages fit.
        assertThatStream(jsm, "ORDERS").hasBytesAtMost(1_024).hasLastSequence(20);
        assertThat(jsm.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                .as("messages")
                .isBetween(1L, 5L);
    }

    @Test
    @Order(11)
    @DisplayName("max age removes a message once it is older than the limit")
    void expiresByAge(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::max-age[]
        jsm.addStream(StreamConfiguration.builder()
                .name("PRICES")
                .subjects("prices.>")
                .maxAge(Duration.ofMillis(300))
                .build());
        // end::max-age[]
        long published = System.nanoTime();
        js.publish("prices.eur", data("1.08"));

        // The server sends no event when a message expires, so the assertion re-reads the stream.
        assertThatStream(jsm, "PRICES").within(TIMEOUT).eventually().hasMessageCount(0);
        Duration kept = Duration.ofNanos(System.nanoTime() - published);

        assertThat(kept).as("time the message was kept").isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    @Order(12)
    @DisplayName("max messages per subject keeps the newest messages of each subject")
    void limitsPerSubject(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::per-subject[]
        jsm.addStream(StreamConfiguration.builder()
                .name("PRICES")
                .subjects("prices.*")
                .maxMessagesPerSubject(1)
                .build());
        // end::per-subject[]
        js.publish("prices.eur", data("1.08"));
        js.publish("prices.gbp", data("0.85"));
        js.publish("prices.eur", data("1.09"));

        assertThatStream(jsm, "PRICES")
                .hasMessageCount(2)
                .hasSubjectCount("prices.eur", 1)
                .hasSubjectCount("prices.gbp", 1);
        assertThat(text(jsm.getLastMessage("PRICES", "prices.eur"))).isEqualTo("1.09");
    }

    @Test
    @Order(13)
    @DisplayName("retention by limits keeps a message after every consumer acked it")
    void retainsByLimits(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .retentionPolicy(RetentionPolicy.Limits) // the default
                .build());
        js.publish("orders.created", data("order-1"));

        JetStreamSubscription consumer = pullConsumer(js, "orders.>", "billing");
        acknowledgeNext(consumer);

        assertThatStream(jsm, "ORDERS").hasMessageCount(1);
    }

    @Test
    @Order(14)
    @DisplayName("retention by interest keeps a message until every consumer acked it")
    void retainsByInterest(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::interest[]
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .retentionPolicy(RetentionPolicy.Interest)
                .build());
        // end::interest[]
        js.publish("orders.created", data("nobody is interested"));
        assertThatStream(jsm, "ORDERS")
                .as("messages kept while the stream has no consumer")
                .hasMessageCount(0);

        JetStreamSubscription billing = pullConsumer(js, "orders.>", "billing");
        JetStreamSubscription shipping = pullConsumer(js, "orders.>", "shipping");
        js.publish("orders.created", data("order-1"));

        acknowledgeNext(billing);
        assertThatStream(jsm, "ORDERS")
                .as("messages kept after one of two consumers acked")
                .hasMessageCount(1);

        acknowledgeNext(shipping);
        assertThatStream(jsm, "ORDERS")
                .as("messages kept after both consumers acked")
                .hasMessageCount(0);
    }

    @Test
    @Order(15)
    @DisplayName("a work queue removes a message as soon as a consumer acked it")
    void removesWorkOnAck(JetStream js, JetStreamManagement jsm) throws Exception {
        // tag::work-queue[]
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs.>")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .build());
        // end::work-queue[]
        js.publish("jobs.resize", data("image-1"));
        js.publish("jobs.resize", data("image-2"));

        JetStreamSubscription workers = pullConsumer(js, "jobs.>", "workers");
        acknowledgeNext(workers);

        assertThatStream(jsm, "JOBS").as("jobs left").hasMessageCount(1).hasFirstSequence(2);
    }

    @Test
    @Order(16)
    @DisplayName("a work queue rejects a second unfiltered consumer (10099) and overlapping filters (10100)")
    void rejectsSecondWorkQueueConsumer(JetStream js, JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs.>")
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .build());
        jsm.addOrUpdateConsumer(
                "JOBS", ConsumerConfiguration.builder().durable("workers").build());

        // tag::work-queue-unique[]
        JetStreamApiException rejected = catchThrowableOfType(
                JetStreamApiException.class,
                () -> jsm.addOrUpdateConsumer(
                        "JOBS",
                        ConsumerConfiguration.builder().durable("auditors").build()));
        assertThat(rejected.getApiErrorCode()).isEqualTo(10099); // consumer must be unique
        // end::work-queue-unique[]

        // Consumers whose filters do not overlap may share a work queue, once no unfiltered consumer is left.
        jsm.deleteConsumer("JOBS", "workers");
        for (String kind : List.of("resize", "encode")) {
            jsm.addOrUpdateConsumer(
                    "JOBS",
                    ConsumerConfiguration.builder()
                            .durable(kind + "-workers")
                            .filterSubject("jobs." + kind)
                            .build());
        }
        assertThat(jsm.getConsumerNames("JOBS")).containsExactlyInAnyOrder("resize-workers", "encode-workers");

        JetStreamApiException overlapping = catchThrowableOfType(
                JetStreamApiException.class,
                () -> jsm.addOrUpdateConsumer(
                        "JOBS",
                        ConsumerConfiguration.builder()
                                .durable("all-workers")
                                .filterSubject("jobs.*")
                                .build()));
        assertThat(overlapping.getApiErrorCode()).isEqualTo(FILTERED_CONSUMER_NOT_UNIQUE);
    }

    /** Subscribes to a durable pull consumer with explicit acks, created if missing. */
    private static JetStreamSubscription pullConsumer(JetStream js, String subject, String durable) throws Exception {
        return js.subscribe(
                subject,
                PullSubscribeOptions.builder()
                        .durable(durable)
                        .configuration(ConsumerConfiguration.builder()
                                .ackPolicy(AckPolicy.Explicit)
                                .build())
                        .build());
    }

    /**
     * Fetches one message and acks it with {@code ackSync}, which returns once the server applied the ack, so the
     * stream state read afterwards reflects it.
     */
    private static void acknowledgeNext(JetStreamSubscription consumer) throws Exception {
        List<Message> messages = consumer.fetch(1, TIMEOUT);
        assertThat(messages)
                .as("messages fetched from %s", consumer.getConsumerName())
                .hasSize(1);
        messages.get(0).ackSync(TIMEOUT);
    }

    /** Returns the stream names, or null while JetStream does not respond yet. */
    private static List<String> streamNamesOrNull(JetStreamManagement jsm) {
        try {
            return jsm.getStreamNames();
        } catch (Exception e) {
            return null;
        }
    }
}
