package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThatStream;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer
class StreamAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private long bytes;

    @BeforeEach
    void storeTwoOrders(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.Memory)
                .maxMessages(1000)
                .maxAge(Duration.ofHours(1))
                .build());
        js.publish("orders.created", "order-1".getBytes(UTF_8));
        js.publish("orders.paid", "order-1".getBytes(UTF_8));
        bytes = jsm.getStreamInfo("ORDERS").getStreamState().getByteCount();
    }

    /** Returns the state lines that every failure on the two stored orders shows. */
    private String state() {
        return "  \"ORDERS\" on subjects [\"orders.>\"]\n  2 messages, " + bytes
                + " bytes, first sequence 1, last sequence 2";
    }

    @Test
    void stateAssertionsPass(JetStreamManagement jsm) {
        assertThatStream(jsm, "ORDERS")
                .hasMessageCount(2)
                .hasBytes(bytes)
                .hasBytesAtMost(bytes)
                .hasFirstSequence(1)
                .hasLastSequence(2)
                .hasSubjectCount("orders.created", 1)
                .hasSubjectCount("orders.cancelled", 0);
    }

    @Test
    void configAssertionsPass(JetStreamManagement jsm) {
        assertThatStream(jsm, "ORDERS")
                .hasConfiguredSubjects("orders.>")
                .hasRetentionPolicy(RetentionPolicy.Limits)
                .hasStorageType(StorageType.Memory)
                .hasMaxMessages(1000)
                .hasMaxAge(Duration.ofHours(1));
    }

    @Test
    void hasMessageCountFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasMessageCount(3))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have message count:
                          3
                        but had:
                          2""");
    }

    @Test
    void hasBytesFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasBytes(0))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have bytes:
                          0
                        but had:
                          %d""".formatted(bytes));
    }

    @Test
    void hasBytesAtMostFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasBytesAtMost(10))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have at most:
                          10 bytes
                        but had:
                          %d bytes""".formatted(bytes));
    }

    @Test
    void hasFirstSequenceFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasFirstSequence(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have first sequence:
                          2
                        but had:
                          1""");
    }

    @Test
    void hasLastSequenceFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasLastSequence(3))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have last sequence:
                          3
                        but had:
                          2""");
    }

    @Test
    @DisplayName("hasSubjectCount fails with every subject's count")
    void hasSubjectCountFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasSubjectCount("orders.created", 2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                          per subject: {orders.created=1, orders.paid=1}
                        to have message count on subject "orders.created":
                          2
                        but had:
                          1""");
    }

    @Test
    void hasConfiguredSubjectsFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasConfiguredSubjects("orders.*"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have subjects:
                          ["orders.*"]
                        but had:
                          ["orders.>"]""");
    }

    @Test
    void hasRetentionPolicyFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasRetentionPolicy(RetentionPolicy.WorkQueue))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have retention policy:
                          WorkQueue
                        but had:
                          Limits""");
    }

    @Test
    void hasStorageTypeFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasStorageType(StorageType.File))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have storage type:
                          File
                        but had:
                          Memory""");
    }

    @Test
    void hasMaxMessagesFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasMaxMessages(-1))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have max messages:
                          -1
                        but had:
                          1000""");
    }

    @Test
    void hasMaxAgeFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS").hasMaxAge(Duration.ofMinutes(1)))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have max age:
                          60 s
                        but had:
                          3600 s""");
    }

    @Test
    void missingStreamFails(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "PAYMENTS").hasMessageCount(0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting stream:
                          "PAYMENTS"
                        to have message count:
                          0
                        but the server did not find it: stream not found (error 10059)""");
    }

    @Test
    @DisplayName("eventually() waits for a work queue to drop an acknowledged message")
    void eventuallyWaitsForAck(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("JOBS")
                .subjects("jobs")
                .storageType(StorageType.Memory)
                .retentionPolicy(RetentionPolicy.WorkQueue)
                .build());
        js.publish("jobs", "job-1".getBytes(UTF_8));
        jsm.addOrUpdateConsumer(
                "JOBS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .build());
        Message job = js.subscribe(null, PullSubscribeOptions.bind("JOBS", "worker"))
                .fetch(1, Duration.ofSeconds(2))
                .get(0);

        job.ack();

        assertThatStream(jsm, "JOBS").eventually().hasMessageCount(0).hasFirstSequence(2);
    }

    @Test
    void eventuallyFailsAfterDeadline(JetStreamManagement jsm) {
        assertThatThrownBy(() -> assertThatStream(jsm, "ORDERS")
                        .within(SHORT)
                        .eventually()
                        .hasMessageCount(0))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("\nExpecting stream:\n" + state() + """

                        to have message count:
                          0 within 200 ms
                        but had:
                          2""");
    }
}
