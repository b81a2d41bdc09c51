package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

@NatsServer(jetStream = false)
class MessageAssertTest {

    private static final Message ORDER = NatsMessage.builder()
            .subject("orders.created")
            .headers(new Headers().add("tenant", "acme"))
            .data("order-1", UTF_8)
            .build();

    @Test
    void hasSubjectPasses() {
        assertThat(ORDER).hasSubject("orders.created");
    }

    @Test
    void hasSubjectFails() {
        assertThatThrownBy(() -> assertThat(ORDER).hasSubject("orders.paid"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting message:
                          orders.created {tenant=[acme]}: "order-1"
                        to have subject:
                          "orders.paid"
                        but had:
                          "orders.created\"""");
    }

    @Test
    void hasDataPasses() {
        assertThat(ORDER).hasData("order-1");
    }

    @Test
    void hasDataFails() {
        assertThatThrownBy(() -> assertThat(ORDER).hasData("order-2"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("""

                        Expecting message:
                          orders.created {tenant=[acme]}: "order-1"
                        to have data:
                          "order-2"
                        but had:
                          "order-1\"""");
    }

    @Test
    void hasHeaderPasses() {
        assertThat(ORDER).hasHeader("tenant", "acme");
    }

    @Test
    void hasHeaderFailsOnOtherValue() {
        assertThatThrownBy(() -> assertThat(ORDER).hasHeader("tenant", "beta"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting message:
                          orders.created {tenant=[acme]}: "order-1"
                        to have header:
                          "tenant": "beta"
                        but had headers:
                          {tenant=[acme]}""");
    }

    @Test
    void hasHeaderFailsWithoutHeaders() {
        Message plain = NatsMessage.builder().subject("orders").data("x", UTF_8).build();

        assertThatThrownBy(() -> assertThat(plain).hasHeader("tenant", "acme"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting message:
                          orders: "x"
                        to have header:
                          "tenant": "acme"
                        but had no headers""");
    }

    @Test
    @DisplayName("a null reply fails with the reasons jnats returns null")
    void nullMessageFails(Connection connection) throws Exception {
        Message reply = connection.request("nobody.home", "ping".getBytes(UTF_8), Duration.ofMillis(200));

        assertThatThrownBy(() -> assertThat(reply).hasData("pong"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting message:
                          null
                        to be a message that arrived
                        but it was null, which jnats request(...) returns when no reply arrives in time, and also \
                        when no responders are subscribed unless the connection sets advancedRequestBehavior()""");
    }

    @Test
    @DisplayName("a RequestFailureMessage fails with its reason")
    void requestFailureMessageFails(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().advancedRequestBehavior())) {
            Message reply = connection.request("nobody.home", "ping".getBytes(UTF_8), Duration.ofSeconds(2));

            assertThatThrownBy(() -> assertThat(reply).hasData("pong"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting message:
                              RequestFailureMessage with reason NO_RESPONDERS
                            to be a message that arrived
                            but it is what jnats returns in place of a reply when a request fails, here with reason \
                            NO_RESPONDERS""");
        }
    }
}
