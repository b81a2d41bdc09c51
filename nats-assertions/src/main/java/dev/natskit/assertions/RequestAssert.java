package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a request that each assertion sends when it runs. Create one with
 * {@link NatsAssertions#assertThatRequest(Connection, String, String)}.
 *
 * <p>The request goes out on the given connection with a reply subject of its own, so its outcome is the same
 * whatever options the connection has; see {@link #hasNoResponders()}. Every assertion sends the request again.
 */
public class RequestAssert extends AbstractAssert<RequestAssert, Message> {

    private final Connection connection;
    private Duration timeout = NatsAssertions.DEFAULT_TIMEOUT;

    protected RequestAssert(Connection connection, Message request) {
        super(request, RequestAssert.class);
        this.connection = connection;
    }

    /**
     * Sets how long the assertions that follow wait for a reply or the no responders status.
     *
     * <pre>{@code
     * assertThatRequest(connection, "greet", "Ada").within(Duration.ofMillis(500)).receivesReply();
     * }</pre>
     *
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public RequestAssert within(Duration timeout) {
        this.timeout = NatsAssertions.requirePositive(timeout);
        return myself;
    }

    /**
     * Sends the request, waits for the first reply and returns an assertion on it. Fails when the server reports
     * no responders or nothing arrives in time.
     *
     * <pre>{@code
     * assertThatRequest(connection, "greet", "Ada").receivesReply().hasData("Hello, Ada");
     * }</pre>
     */
    public MessageAssert receivesReply() {
        return new MessageAssert(RequestChecker.receivesReply(info, connection, actual, timeout));
    }

    /**
     * Sends the request and checks that the server responds with the no responders status (503), which it sends
     * at once when nothing subscribes to the subject.
     *
     * <pre>{@code
     * assertThatRequest(connection, "greet", "Ada").hasNoResponders();
     * }</pre>
     *
     * <p>This works for every form of jnats connection, because it reads the status message itself. Code under
     * test that calls {@code Connection.request} sees no responders differently (jnats 2.26.2): without options
     * the synchronous form returns null, the same value as on a timeout, and the future is cancelled; with
     * {@code Options.Builder.reportNoResponders()} the future completes exceptionally with a
     * {@code JetStreamStatusException} for status 503, while the synchronous form still returns null; with
     * {@code advancedRequestBehavior()} the synchronous form returns a {@code RequestFailureMessage} whose reason
     * is {@code NO_RESPONDERS}.
     *
     * <p>NOTE: the server sends the status only to connections that support headers and do not set
     * {@code noNoResponders()}. On such a connection this assertion fails once the deadline passes.
     */
    public RequestAssert hasNoResponders() {
        RequestChecker.hasNoResponders(info, connection, actual, timeout);
        return myself;
    }
}
