package com.example.orders;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@NatsServer
class OrderEventsTest {

    @Test
    void publishesOrderEvents(Connection connection) throws Exception {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders.>")) {
            connection.publish("orders.created", "42".getBytes(StandardCharsets.UTF_8));
            connection.publish("orders.paid", "42".getBytes(StandardCharsets.UTF_8));

            assertThat(recorder).receives(2).withSubjects("orders.created", "orders.paid");
        }
    }

    @Test
    void storesOrdersInAStream(JetStreamManagement management, JetStream jetStream, NatsServerHandle server)
            throws Exception {
        management.addStream(
                StreamConfiguration.builder().name("ORDERS").subjects("orders.>").build());

        PublishAck ack = jetStream.publish("orders.created", "42".getBytes(StandardCharsets.UTF_8));

        assertThat(ack.getStream()).isEqualTo("ORDERS");
        assertThat(ack.getSeqno()).isEqualTo(1);
        assertThat(server.url()).startsWith("nats://127.0.0.1:");
    }
}
