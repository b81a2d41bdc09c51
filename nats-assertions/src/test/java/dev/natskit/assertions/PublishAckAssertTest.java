package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer
class PublishAckAssertTest {

    private static final PublishOptions ORDER_1 =
            PublishOptions.builder().messageId("order-1").build();

    @BeforeEach
    void createStream(JetStreamManagement jsm) throws Exception {
        jsm.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .storageType(StorageType.Memory)
                .build());
    }

    @Test
    void hasStreamAndSequencePass(JetStream js) throws Exception {
        js.publish("orders.created", "order-1".getBytes(UTF_8));

        assertThat(js.publish("orders.paid", "order-1".getBytes(UTF_8)))
                .hasStream("ORDERS")
                .hasSequence(2);
    }

    @Test
    void hasStreamFails(JetStream js) throws Exception {
        PublishAck ack = js.publish("orders.created", "order-1".getBytes(UTF_8));

        assertThatThrownBy(() -> assertThat(ack).hasStream("PAYMENTS"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting publish ack:
                          stream "ORDERS", sequence 1
                        to have stream:
                          "PAYMENTS"
                        but had:
                          "ORDERS\"""");
    }

    @Test
    void hasSequenceFails(JetStream js) throws Exception {
        PublishAck ack = js.publish("orders.created", "order-1".getBytes(UTF_8));

        assertThatThrownBy(() -> assertThat(ack).hasSequence(2))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting publish ack:
                          stream "ORDERS", sequence 1
                        to have sequence:
                          2
                        but had:
                          1""");
    }

    @Test
    void nullAckFails() {
        assertThatThrownBy(() -> assertThat((PublishAck) null).hasSequence(1))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting publish ack:
                          null
                        to have sequence:
                          1
                        but it was null""");
    }

    @Test
    void isDuplicatePassesOnSameMessageId(JetStream js) throws Exception {
        js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1);

        assertThat(js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1))
                .isDuplicate()
                .hasSequence(1);
    }

    @Test
    void isDuplicateFailsOnNewMessage(JetStream js) throws Exception {
        PublishAck ack = js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1);

        assertThatThrownBy(() -> assertThat(ack).isDuplicate())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting publish ack:
                          stream "ORDERS", sequence 1
                        to be a duplicate
                        but the stream stored the message as new at sequence 1, so no earlier message with the same \
                        Nats-Msg-Id header was within the duplicate window""");
    }

    @Test
    void isNotDuplicatePasses(JetStream js) throws Exception {
        assertThat(js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1))
                .isNotDuplicate();
    }

    @Test
    void isNotDuplicateFailsOnDuplicate(JetStream js) throws Exception {
        js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1);
        PublishAck duplicate = js.publish("orders.created", "order-1".getBytes(UTF_8), ORDER_1);

        assertThatThrownBy(() -> assertThat(duplicate).isNotDuplicate())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting publish ack:
                          stream "ORDERS", sequence 1, duplicate
                        to not be a duplicate
                        but the stream did not store it, because the message at sequence 1 had the same Nats-Msg-Id \
                        header within the duplicate window""");
    }
}
