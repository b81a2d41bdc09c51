package dev.natskit.assertions;

import static dev.natskit.assertions.NatsAssertions.assertThatRequest;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@NatsServer(jetStream = false)
class RequestAssertTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    @Test
    void receivesReplyFromResponder(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection responder = server.connect()) {
            answerGreetings(responder);

            assertThatRequest(connection, "greet", "Ada").receivesReply().hasData("Hello, Ada");
        }
    }

    @Test
    void receivesReplyWithHeaders(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection responder = server.connect()) {
            answerGreetings(responder);
            NatsMessage request = NatsMessage.builder()
                    .subject("greet")
                    .headers(new Headers().add("lang", "en"))
                    .data("Ada", UTF_8)
                    .build();

            assertThatRequest(connection, request).receivesReply().hasHeader("lang", "en");
        }
    }

    @Test
    void receivesReplyFailsWithoutResponders(Connection connection) {
        assertThatThrownBy(() -> assertThatRequest(connection, "greet", "Ada")
                        .within(SHORT)
                        .receivesReply())
                .isInstanceOf(AssertionError.class)
                .hasMessage("""

                        Expecting request:
                          "greet" with data "Ada"
                        to receive a reply within:
                          200 ms
                        but no responders were subscribed to the subject, so the server sent status 503""");
    }

    @Test
    @DisplayName("receivesReply fails after the deadline when a subscriber never replies")
    void receivesReplyFailsOnSilence(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection silent = server.connect()) {
            silent.subscribe("greet");
            silent.flush(Duration.ofSeconds(5));

            assertThatThrownBy(() -> assertThatRequest(connection, "greet", "Ada")
                            .within(SHORT)
                            .receivesReply())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting request:
                              "greet" with data "Ada"
                            to receive a reply within:
                              200 ms
                            but nothing arrived within 200 ms""");
        }
    }

    static Stream<Arguments> connectionForms() {
        return Stream.of(
                Arguments.of("default options", new Options.Builder()),
                Arguments.of("reportNoResponders()", new Options.Builder().reportNoResponders()),
                Arguments.of("advancedRequestBehavior()", new Options.Builder().advancedRequestBehavior()),
                Arguments.of("both", new Options.Builder().reportNoResponders().advancedRequestBehavior()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectionForms")
    @DisplayName("hasNoResponders passes for every form of connection")
    void hasNoRespondersForEveryForm(String form, Options.Builder options, NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(options)) {
            assertThatRequest(connection, "nobody.home", "ping").hasNoResponders();
        }
    }

    @Test
    void hasNoRespondersFailsOnReply(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection responder = server.connect()) {
            answerGreetings(responder);

            assertThatThrownBy(() -> assertThatRequest(connection, "greet", "Ada")
                            .within(SHORT)
                            .hasNoResponders())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting request:
                              "greet" with data "Ada"
                            to get the no responders status (503) within:
                              200 ms
                            but received a reply:
                              "Hello, Ada\"""");
        }
    }

    @Test
    @DisplayName("hasNoResponders fails on a connection that turned the status off")
    void hasNoRespondersFailsWithNoNoResponders(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().noNoResponders())) {
            assertThatThrownBy(() -> assertThatRequest(connection, "nobody.home", "ping")
                            .within(SHORT)
                            .hasNoResponders())
                    .isInstanceOf(AssertionError.class)
                    .hasMessage("""

                            Expecting request:
                              "nobody.home" with data "ping"
                            to get the no responders status (503) within:
                              200 ms
                            but nothing arrived within 200 ms""");
        }
    }

    /** Subscribes a responder to "greet" that replies "Hello, <data>" and echoes the request's headers. */
    private static void answerGreetings(Connection responder) throws Exception {
        Dispatcher dispatcher = responder.createDispatcher(request -> responder.publish(
                request.getReplyTo(),
                request.getHeaders(),
                ("Hello, " + new String(request.getData(), UTF_8)).getBytes(UTF_8)));
        dispatcher.subscribe("greet");
        responder.flush(Duration.ofSeconds(5));
    }
}
