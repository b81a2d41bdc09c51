package dev.natskit.tutorial.core;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.tutorial.core.MessageData.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("2. Publish/subscribe")
@Order(2)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer(jetStream = false)
class PublishSubscribeSpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    @Order(1)
    @DisplayName("a Dispatcher hands each published message to a handler")
    void deliversToDispatcher(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::subscribe[]
            CompletableFuture<String> greeting = new CompletableFuture<>();
            Dispatcher dispatcher = subscriber.createDispatcher(
                    message -> greeting.complete(new String(message.getData(), StandardCharsets.UTF_8)));
            dispatcher.subscribe("greetings");
            subscriber.flush(Duration.ofSeconds(1));
            // end::subscribe[]

            // tag::publish[]
            publisher.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
            // end::publish[]

            assertThat(greeting.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("hello");
        }
    }

    @Test
    @Order(2)
    @DisplayName("nextMessage receives synchronously, in publish order")
    void receivesSynchronously(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::next-message[]
            Subscription subscription = subscriber.subscribe("greetings");
            subscriber.flush(Duration.ofSeconds(1));

            publisher.publish("greetings", "one".getBytes(StandardCharsets.UTF_8));
            publisher.publish("greetings", "two".getBytes(StandardCharsets.UTF_8));

            Message first = subscription.nextMessage(Duration.ofSeconds(1));
            Message second = subscription.nextMessage(Duration.ofSeconds(1));
            // end::next-message[]

            assertThat(first).hasData("one");
            assertThat(second).hasData("two");
        }
    }

    @Test
    @Order(3)
    @DisplayName("a message published while nobody subscribes is gone")
    void dropsMessageWithoutSubscriber(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::fire-and-forget[]
            publisher.publish("alerts", "nobody listens yet".getBytes(StandardCharsets.UTF_8));
            publisher.flush(Duration.ofSeconds(1));

            MessageRecorder alerts = NatsAssertions.record(subscriber, "alerts");
            // Flush round trips, not a waiting window, show that no message is on its way.
            assertThat(alerts).receivesNothingMore(publisher);

            publisher.publish("alerts", "now someone listens".getBytes(StandardCharsets.UTF_8));
            assertThat(alerts).receives(1).withData("now someone listens");
            // end::fire-and-forget[]
        }
    }

    @Test
    @Order(4)
    @DisplayName("every subscriber of a subject gets its own copy")
    void fansOutToEverySubscriber(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                Connection otherSubscriber = server.connect()) {
            MessageRecorder first = NatsAssertions.record(connection, "news");
            MessageRecorder second = NatsAssertions.record(otherSubscriber, "news");

            publisher.publish("news", data("extra"));

            assertThat(first).receives(1).withData("extra");
            assertThat(second).receives(1).withData("extra");
        }
    }

    @Test
    @Order(5)
    @DisplayName("the * wildcard matches exactly one token")
    void matchesOneToken(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::star[]
            MessageRecorder created = NatsAssertions.record(subscriber, "orders.*.created");
            List<String> subjects = List.of(
                    "orders.eu.created", // matches
                    "orders.us.created", // matches
                    "orders.created", // no: * needs one token
                    "orders.eu.west.created", // no: * matches one token only
                    "orders.eu.cancelled"); // no: the last token differs
            for (String subject : subjects) {
                publisher.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
            }

            assertThat(created).receives(2).withSubjects("orders.eu.created", "orders.us.created");
            assertThat(created).receivesNothingMore(publisher);
            // end::star[]
        }
    }

    @Test
    @Order(6)
    @DisplayName("the > wildcard matches one or more trailing tokens")
    void matchesTrailingTokens(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::greater-than[]
            MessageRecorder orders = NatsAssertions.record(subscriber, "orders.>");
            List<String> subjects = List.of(
                    "orders.eu", // matches
                    "orders.eu.created", // matches
                    "orders.eu.west.created", // matches
                    "orders", // no: > needs at least one token
                    "shipments.eu"); // no: the first token differs
            for (String subject : subjects) {
                publisher.publish(subject, subject.getBytes(StandardCharsets.UTF_8));
            }

            assertThat(orders).receives(3).withSubjects("orders.eu", "orders.eu.created", "orders.eu.west.created");
            assertThat(orders).receivesNothingMore(publisher);
            // end::greater-than[]
        }
    }

    @Test
    @Order(7)
    @DisplayName("a subscription counts once its connection has flushed")
    void countsSubscriptionAfterFlush(Connection subscriber, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect()) {
            // tag::flush[]
            Subscription subscription = subscriber.subscribe("prices");
            // subscribe() returns before the server has processed the subscription. The flush returns once it
            // has, so a message another connection publishes from now on reaches this subscription.
            subscriber.flush(Duration.ofSeconds(1));

            publisher.publish("prices", "42".getBytes(StandardCharsets.UTF_8));
            // end::flush[]

            assertThat(subscription.nextMessage(TIMEOUT)).hasData("42");
        }
    }
}
