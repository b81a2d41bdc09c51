package dev.natskit.assertions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Options;
import io.nats.client.RequestFailureMessage;
import io.nats.client.RequestFailureReason;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins how jnats reports a request without responders, which the documentation of
 * {@link RequestAssert#hasNoResponders()} describes. A jnats upgrade that changes it fails here first.
 */
@NatsServer(jetStream = false)
class JnatsNoRespondersTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    @DisplayName("default options: the synchronous request returns null")
    void defaultSynchronousReturnsNull(Connection connection) throws Exception {
        assertThat(connection.request("nobody.home", "ping".getBytes(UTF_8), WAIT))
                .isNull();
    }

    @Test
    @DisplayName("default options: the future is cancelled")
    void defaultFutureIsCancelled(Connection connection) {
        CompletableFuture<Message> future = connection.request("nobody.home", "ping".getBytes(UTF_8));

        Throwable thrown = catchThrowable(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(future.isCancelled()).isTrue();
    }

    @Test
    @DisplayName("reportNoResponders(): the future fails with status 503")
    void reportedFutureFailsWith503(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().reportNoResponders())) {
            CompletableFuture<Message> future = connection.request("nobody.home", "ping".getBytes(UTF_8));

            Throwable thrown = catchThrowable(() -> future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));

            assertThat(thrown).isInstanceOf(ExecutionException.class);
            assertThat(thrown.getCause()).isInstanceOf(JetStreamStatusException.class);
            assertThat(((JetStreamStatusException) thrown.getCause())
                            .getStatus()
                            .getCode())
                    .isEqualTo(503);
        }
    }

    @Test
    @DisplayName("reportNoResponders(): the synchronous request still returns null")
    void reportedSynchronousReturnsNull(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().reportNoResponders())) {
            assertThat(connection.request("nobody.home", "ping".getBytes(UTF_8), WAIT))
                    .isNull();
        }
    }

    @Test
    @DisplayName("advancedRequestBehavior(): the synchronous request returns a failure with reason NO_RESPONDERS")
    void advancedReturnsFailureMessage(NatsServerHandle server) throws Exception {
        try (Connection connection = server.connect(new Options.Builder().advancedRequestBehavior())) {
            Message reply = connection.request("nobody.home", "ping".getBytes(UTF_8), WAIT);

            assertThat(reply).isInstanceOf(RequestFailureMessage.class);
            assertThat(((RequestFailureMessage) reply).getReason()).isEqualTo(RequestFailureReason.NO_RESPONDERS);
        }
    }

    @Test
    @DisplayName("both options: jnats 2.26.2 classifies no responders as TIMEOUT")
    void bothOptionsReportTimeout(NatsServerHandle server) throws Exception {
        Options.Builder options = new Options.Builder().reportNoResponders().advancedRequestBehavior();
        try (Connection connection = server.connect(options)) {
            Message reply = connection.request("nobody.home", "ping".getBytes(UTF_8), WAIT);

            assertThat(reply).isInstanceOf(RequestFailureMessage.class);
            assertThat(((RequestFailureMessage) reply).getReason()).isEqualTo(RequestFailureReason.TIMEOUT);
            assertThat(((RequestFailureMessage) reply).getCause()).isInstanceOf(JetStreamStatusException.class);
        }
    }
}
