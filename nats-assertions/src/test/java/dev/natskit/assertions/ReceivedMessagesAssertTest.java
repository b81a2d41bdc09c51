package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer(jetStream = false)
class ReceivedMessagesAssertTest {

    private Connection connection;

    @BeforeEach
    void keepConnection(Connection connection) {
        this.connection = connection;
    }

    @Test
    void withSubjectsInOrder() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThat(recorder).receives(2).withSubjects("orders.created", "orders.paid");
        }
    }

    @Test
    void withSubjectsFailsOnOtherOrder() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThatThrownBy(() -> assertThat(recorder).receives(2).withSubjects("orders.paid", "orders.created"))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders.created: "order-1"
                              #2 orders.paid {tenant=[acme]}: "order-2"
                            to have subjects, in order:
                              ["orders.paid", "orders.created"]
                            but had:
                              ["orders.created", "orders.paid"]""");
        }
    }

    @Test
    void withDataInOrder() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThat(recorder).receives(2).withData("order-1", "order-2");
        }
    }

    @Test
    void withDataFailsOnMissingMessage() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThatThrownBy(() -> assertThat(recorder).receives(2).withData("order-1"))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders.created: "order-1"
                              #2 orders.paid {tenant=[acme]}: "order-2"
                            to have data, in order:
                              ["order-1"]
                            but had:
                              ["order-1", "order-2"]""");
        }
    }

    @Test
    void withDataInAnyOrderPasses() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThat(recorder).receives(2).withDataInAnyOrder("order-2", "order-1");
        }
    }

    @Test
    void withDataInAnyOrderFails() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThatThrownBy(() -> assertThat(recorder).receives(2).withDataInAnyOrder("order-2", "order-3"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders.created: "order-1"
                              #2 orders.paid {tenant=[acme]}: "order-2"
                            to have data, in any order:
                              ["order-2", "order-3"]
                            but could not find:
                              ["order-3"]
                            and did not expect:
                              ["order-1"]""");
        }
    }

    @Test
    void withDataInAnyOrderCountsRepeats() {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "same".getBytes(UTF_8));
            connection.publish("orders", "same".getBytes(UTF_8));

            assertThatThrownBy(() -> assertThat(recorder).receives(2).withDataInAnyOrder("same"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders: "same"
                              #2 orders: "same"
                            to have data, in any order:
                              ["same"]
                            but did not expect:
                              ["same"]""");
        }
    }

    @Test
    void withHeaderOnEveryMessage() {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            Headers headers = new Headers().add("tenant", "acme", "beta");
            connection.publish("orders", headers, "order-1".getBytes(UTF_8));
            connection.publish("orders", headers, "order-2".getBytes(UTF_8));

            assertThat(recorder).receives(2).withHeader("tenant", "beta");
        }
    }

    @Test
    void withHeaderFailsOnMessageWithout() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThatThrownBy(() -> assertThat(recorder).receives(2).withHeader("tenant", "acme"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders.created: "order-1"
                              #2 orders.paid {tenant=[acme]}: "order-2"
                            to each have header:
                              "tenant": "acme"
                            but these did not:
                              #1 orders.created: "order-1\"""");
        }
    }

    @Test
    void messageByIndex() {
        try (MessageRecorder recorder = recordTwoOrders()) {
            assertThat(recorder)
                    .receives(2)
                    .message(1)
                    .hasSubject("orders.paid")
                    .hasData("order-2");
        }
    }

    @Test
    void dataShownWithEscapes() {
        try (MessageRecorder recorder = NatsAssertions.record(connection, "orders")) {
            connection.publish("orders", "line 1\nsaid \"100%\"".getBytes(UTF_8));

            assertThatThrownBy(() -> assertThat(recorder).receives(1).withData("line 1"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting received messages:
                              #1 orders: "line 1\\nsaid \\"100%\\""
                            to have data, in order:
                              ["line 1"]
                            but had:
                              ["line 1\\nsaid \\"100%\\""]""");
        }
    }

    /** Records two messages on "orders.>": the first without headers, the second with a tenant header. */
    private MessageRecorder recordTwoOrders() {
        MessageRecorder recorder = NatsAssertions.record(connection, "orders.>");
        connection.publish("orders.created", "order-1".getBytes(UTF_8));
        connection.publish("orders.paid", new Headers().add("tenant", "acme"), "order-2".getBytes(UTF_8));
        return recorder;
    }
}
