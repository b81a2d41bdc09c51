package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@NatsServer(jetStream = false)
class QueueGroupAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    @DisplayName("fifty messages reach three members, each exactly once")
    void deliversEachMessageOnce(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 3)) {
            publishOrders(publisher, 50);

            // With random picks, some member gets none of 50 messages with probability 3 * (2/3)^50, about 5e-9.
            assertThat(group).deliversEachMessageOnce(50).everyMemberReceivedAtLeastOne();
        }
    }

    @Test
    void deliversFailsOnMissingMessages(Connection connection) {
        try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 1)) {
            publishOrders(connection, 2);

            assertThatThrownBy(() -> assertThat(group).within(SHORT).deliversEachMessageOnce(3))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting queue group:
                              "workers" on "orders" with 1 member
                            to deliver each message to exactly one member:
                              3 messages within 200 ms
                            but the members received 2 messages:
                              member 1: 2 messages ["order-1", "order-2"]""");
        }
    }

    @Test
    void deliversFailsOnDuplicates(Connection connection) {
        try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 1)) {
            connection.publish("orders", "order-1".getBytes(UTF_8));
            connection.publish("orders", "order-1".getBytes(UTF_8));

            assertThatThrownBy(() -> assertThat(group).within(SHORT).deliversEachMessageOnce(2))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting queue group:
                              "workers" on "orders" with 1 member
                            to deliver each message to exactly one member:
                              2 messages within 200 ms
                            but the members received 2 messages:
                              member 1: 2 messages ["order-1", "order-1"]
                            and these arrived more than once:
                              "order-1" at members [1, 1]""");
        }
    }

    @Test
    void deliversFailsOnExtraMessages(Connection connection) throws Exception {
        try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 1)) {
            publishOrders(connection, 3);
            group.awaitCount(3, Duration.ofSeconds(5));

            assertThatThrownBy(() -> assertThat(group).within(SHORT).deliversEachMessageOnce(2))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting queue group:
                              "workers" on "orders" with 1 member
                            to deliver each message to exactly one member:
                              2 messages within 200 ms
                            but the members received 3 messages:
                              member 1: 3 messages ["order-1", "order-2", "order-3"]""");
        }
    }

    @Test
    void everyMemberFailsWhenIdle(Connection connection) {
        try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 2)) {
            assertThatThrownBy(() -> assertThat(group).within(SHORT).everyMemberReceivedAtLeastOne())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting queue group:
                              "workers" on "orders" with 2 members
                            to have every member receive at least one message within:
                              200 ms
                            but members [1, 2] received none:
                              member 1: 0 messages []
                              member 2: 0 messages []""");
        }
    }

    @Test
    void everyMemberFailsForOneIdle(Connection connection) {
        try (QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "orders", "workers", 2);
                MessageRecorder outsider = NatsAssertions.record(connection, "orders", "others")) {
            // Member 2 leaves, so every message goes to member 1.
            group.members().get(1).close();
            publishOrders(connection, 1);
            NatsAssertions.assertThat(outsider).receives(1);

            assertThatThrownBy(() -> assertThat(group).within(SHORT).everyMemberReceivedAtLeastOne())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting queue group:
                              "workers" on "orders" with 2 members
                            to have every member receive at least one message within:
                              200 ms
                            but member 2 received none:
                              member 1: 1 message ["order-1"]
                              member 2: 0 messages []""");
        }
    }

    @Test
    void recordQueueGroupRejectsNoMembers(Connection connection) {
        assertThatThrownBy(() -> NatsAssertions.recordQueueGroup(connection, "orders", "workers", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The number of members must be at least 1, but was 0");
    }

    private static void publishOrders(Connection publisher, int count) {
        for (int i = 1; i <= count; i++) {
            publisher.publish("orders", ("order-" + i).getBytes(UTF_8));
        }
    }
}
