package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@NatsServer
class AdvisoryAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(2);

    @BeforeEach
    void createConsumer(JetStreamManagement jsm, JetStream js) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.Memory)
                .build());
        js.publish("orders.created", "order-1".getBytes(UTF_8));
        // The consumer exists before any recorder starts, so its CREATED advisory is not recorded.
        jsm.addOrUpdateConsumer(
                "ORDERS",
                ConsumerConfiguration.builder()
                        .durable("worker")
                        .deliverSubject("deliver.worker")
                        .ackPolicy(AckPolicy.Explicit)
                        .maxDeliver(2)
                        .build());
    }

    private static JetStreamSubscription bind(JetStream js) throws Exception {
        return js.subscribe(null, PushSubscribeOptions.bind("ORDERS", "worker"));
    }

    private static Message next(JetStreamSubscription subscription) throws InterruptedException {
        Message message = subscription.nextMessage(WAIT);
        if (message == null) {
            throw new IllegalStateException("no delivery within " + WAIT);
        }
        return message;
    }

    /** Skips a test of the MSG_TERMINATED advisory, which nats-server sends from 2.11 on. */
    private static void assumeTermAdvisory(NatsServerHandle server) {
        String[] version = server.version().split("\\.");
        int major = Integer.parseInt(version[0]);
        int minor = Integer.parseInt(version[1]);
        assumeTrue(major > 2 || (major == 2 && minor >= 11), "nats-server " + server.version() + " is older than 2.11");
    }

    @Test
    @DisplayName("reportsMaxDeliveries sees the advisory after the last nak")
    void maxDeliveriesPasses(Connection connection, JetStream js) throws Exception {
        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
            JetStreamSubscription subscription = bind(js);
            next(subscription).nak();
            next(subscription).nak();

            assertThat(advisories).reportsMaxDeliveries(1);
        }
    }

    @Test
    void maxDeliveriesFailsWithoutAdvisories(Connection connection) {
        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
            assertThatThrownBy(() -> assertThat(advisories).within(SHORT).reportsMaxDeliveries(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting consumer:
                              "worker" on stream "ORDERS"
                            to send a MAX_DELIVERIES advisory for:
                              stream sequence 1 within 200 ms
                            but it sent no advisories""");
        }
    }

    @Test
    @DisplayName("reportsMaxDeliveries lists the advisories that did arrive")
    void maxDeliveriesFailsAfterTerm(Connection connection, JetStream js, NatsServerHandle server) throws Exception {
        assumeTermAdvisory(server);
        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
            next(bind(js)).term();
            assertThat(advisories).reportsTerminated(1);

            assertThatThrownBy(() -> assertThat(advisories).within(SHORT).reportsMaxDeliveries(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting consumer:
                              "worker" on stream "ORDERS"
                            to send a MAX_DELIVERIES advisory for:
                              stream sequence 1 within 200 ms
                            but it sent 1 advisory:
                              #1 MSG_TERMINATED for stream sequence 1 after 1 delivery""");
        }
    }

    @Test
    void reportsTerminatedPasses(Connection connection, JetStream js, NatsServerHandle server) throws Exception {
        assumeTermAdvisory(server);
        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
            next(bind(js)).term();

            assertThat(advisories).reportsTerminated(1);
        }
    }

    @Test
    void reportsTerminatedFailsAfterAck(Connection connection, JetStream js) throws Exception {
        try (AdvisoryRecorder advisories = NatsAssertions.recordAdvisories(connection, "ORDERS", "worker")) {
            next(bind(js)).ackSync(WAIT);

            assertThatThrownBy(() -> assertThat(advisories).within(SHORT).reportsTerminated(1))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting consumer:
                              "worker" on stream "ORDERS"
                            to send a MSG_TERMINATED advisory for:
                              stream sequence 1 within 200 ms
                            but it sent no advisories""");
        }
    }
}
