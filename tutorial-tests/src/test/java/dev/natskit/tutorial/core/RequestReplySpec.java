package dev.natskit.tutorial.core;

import static dev.natskit.tutorial.core.MessageData.data;
import static dev.natskit.tutorial.core.MessageData.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.RequestFailureMessage;
import io.nats.client.RequestFailureReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("4. Request/reply")
@Order(4)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer(jetStream = false)
class RequestReplySpec {

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A request timeout far longer than the server takes to report no responders, so the two are easy to tell apart. */
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

    @Test
    @Order(1)
    @DisplayName("a responder replies to the request's reply subject")
    void repliesToRequest(Connection requester, NatsServerHandle server) throws Exception {
        try (Connection responder = server.connect()) {
            // tag::respond[]
            Dispatcher greeter = responder.createDispatcher(request -> {
                String name = new String(request.getData(), StandardCharsets.UTF_8);
                responder.publish(request.getReplyTo(), ("Hello, " + name).getBytes(StandardCharsets.UTF_8));
            });
            greeter.subscribe("greet");
            responder.flush(Duration.ofSeconds(1));
            // end::respond[]

            // tag::request[]
            Message reply = requester.request("greet", "Ada".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2));
            // end::request[]

            assertThat(reply).as("reply within 2 s").isNotNull();
            assertThat(text(reply)).isEqualTo("Hello, Ada");
        }
    }

    @Test
    @Order(2)
    @DisplayName("the CompletableFuture form sends the request without blocking")
    void requestsAsynchronously(Connection requester, NatsServerHandle server) throws Exception {
        try (Connection responder = server.connect()) {
            responder
                    .createDispatcher(request -> responder.publish(request.getReplyTo(), data("pong")))
                    .subscribe("ping");
            responder.flush(TIMEOUT);

            // tag::request-future[]
            CompletableFuture<Message> future = requester.request("ping", null);
            Message reply = future.get(2, TimeUnit.SECONDS);
            // end::request-future[]

            assertThat(text(reply)).isEqualTo("pong");
        }
    }

    @Test
    @Order(3)
    @DisplayName("a request to a responder slower than the timeout returns null")
    void timesOut(Connection requester, NatsServerHandle server) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Connection responder = server.connect()) {
            responder
                    .createDispatcher(request -> {
                        // Holds the reply back until the requester has given up. A latch releases it, so no clock is
                        // involved.
                        awaitQuietly(release);
                        responder.publish(request.getReplyTo(), data("too late"));
                    })
                    .subscribe("slow");
            responder.flush(TIMEOUT);

            long started = System.nanoTime();
            // tag::timeout[]
            Message reply = requester.request("slow", null, Duration.ofMillis(200));
            // end::timeout[]
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reply).as("reply to a request that timed out").isNull();
            assertThat(waited).as("time the request waited").isGreaterThanOrEqualTo(Duration.ofMillis(200));
        } finally {
            release.countDown();
        }
    }

    @Test
    @Order(4)
    @DisplayName("with no responders, request returns null at once, the same value as a timeout")
    void returnsNullWithoutResponders(Connection requester) throws Exception {
        long started = System.nanoTime();
        // tag::no-responders[]
        Message reply = requester.request("nobody.home", null, Duration.ofSeconds(10));
        // end::no-responders[]
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply).as("reply when no one subscribes").isNull();
        // The server replies with status 503 (no responders) at once. Only this bound distinguishes it from a timeout.
        assertThat(waited).as("time the request waited").isLessThan(LONG_TIMEOUT.dividedBy(2));
    }

    @Test
    @Order(5)
    @DisplayName("with no responders, the CompletableFuture is cancelled")
    void cancelsFutureWithoutResponders(Connection requester) throws Exception {
        CompletableFuture<Message> future = requester.request("nobody.home", null);

        Throwable thrown = catchThrowable(() -> future.get(LONG_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));

        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(future).isCancelled();
    }

    @Test
    @Order(6)
    @DisplayName("reportNoResponders fails the CompletableFuture with status 503, but request still returns null")
    void reportsNoResponders(NatsServerHandle server) throws Exception {
        // tag::report-no-responders[]
        Options options =
                new Options.Builder().server(server.url()).reportNoResponders().build();
        try (Connection requester = Nats.connect(options)) {
            CompletableFuture<Message> future = requester.request("nobody.home", null);

            assertThat(future)
                    .failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(JetStreamStatusException.class)
                    .withMessageContaining("503");
        }
        // end::report-no-responders[]

        try (Connection requester = Nats.connect(options)) {
            long started = System.nanoTime();
            Message reply = requester.request("nobody.home", null, LONG_TIMEOUT);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reply).as("reply of the synchronous request").isNull();
            assertThat(waited).as("time the request waited").isLessThan(LONG_TIMEOUT.dividedBy(2));
        }
    }

    @Test
    @Order(7)
    @DisplayName("advancedRequestBehavior returns a RequestFailureMessage that names NO_RESPONDERS")
    void explainsFailureWithAdvancedRequestBehavior(NatsServerHandle server) throws Exception {
        // tag::advanced-request-behavior[]
        Options options = new Options.Builder()
                .server(server.url())
                .advancedRequestBehavior()
                .build();
        try (Connection requester = Nats.connect(options)) {
            Message reply = requester.request("nobody.home", null, Duration.ofSeconds(10));

            assertThat(reply).isInstanceOf(RequestFailureMessage.class);
            RequestFailureMessage failure = (RequestFailureMessage) reply;
            assertThat(failure.getReason()).isEqualTo(RequestFailureReason.NO_RESPONDERS);
        }
        // end::advanced-request-behavior[]
    }

    @Test
    @Order(8)
    @DisplayName("advancedRequestBehavior with a timeout names TIMEOUT")
    void explainsTimeoutWithAdvancedRequestBehavior(NatsServerHandle server) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Options options = new Options.Builder()
                .server(server.url())
                .advancedRequestBehavior()
                .build();
        try (Connection requester = Nats.connect(options);
                Connection responder = server.connect()) {
            responder.createDispatcher(request -> awaitQuietly(release)).subscribe("slow");
            responder.flush(TIMEOUT);

            Message reply = requester.request("slow", null, Duration.ofMillis(200));

            assertThat(reply).isInstanceOf(RequestFailureMessage.class);
            assertThat(((RequestFailureMessage) reply).getReason()).isEqualTo(RequestFailureReason.TIMEOUT);
        } finally {
            release.countDown();
        }
    }

    @Test
    @Order(9)
    @DisplayName("advancedRequestBehavior together with reportNoResponders names TIMEOUT for no responders")
    void namesTimeoutWhenBothOptionsAreSet(NatsServerHandle server) throws Exception {
        Options options = new Options.Builder()
                .server(server.url())
                .advancedRequestBehavior()
                .reportNoResponders()
                .build();
        try (Connection requester = Nats.connect(options)) {
            long started = System.nanoTime();
            Message reply = requester.request("nobody.home", null, LONG_TIMEOUT);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // NOTE: observed with jnats 2.26.2: the 503 arrives at once, but the failure is classified as TIMEOUT,
            // because only a cancelled request counts as NO_RESPONDERS. Set one of the two options, not both.
            assertThat(reply).isInstanceOf(RequestFailureMessage.class);
            assertThat(((RequestFailureMessage) reply).getReason()).isEqualTo(RequestFailureReason.TIMEOUT);
            assertThat(waited).as("time the request waited").isLessThan(LONG_TIMEOUT.dividedBy(2));
        }
    }

    @Test
    @Order(10)
    @DisplayName("with several responders, the first reply wins")
    void takesFirstReply(Connection requester, NatsServerHandle server) throws Exception {
        CountDownLatch releaseSlow = new CountDownLatch(1);
        try (Connection responders = server.connect()) {
            // tag::first-reply-wins[]
            for (String name : new String[] {"fast", "slow-1", "slow-2"}) {
                Dispatcher quoter = responders.createDispatcher(request -> {
                    if (!name.equals("fast")) {
                        awaitQuietly(releaseSlow);
                    }
                    responders.publish(request.getReplyTo(), name.getBytes(StandardCharsets.UTF_8));
                });
                quoter.subscribe("quote");
            }
            // end::first-reply-wins[]
            responders.flush(TIMEOUT);

            // tag::first-reply[]
            Message reply = requester.request("quote", null, Duration.ofSeconds(2));
            assertThat(new String(reply.getData(), StandardCharsets.UTF_8)).isEqualTo("fast");
            // end::first-reply[]
        } finally {
            releaseSlow.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "timed out after " + TIMEOUT + " waiting for the test to release the responder");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
