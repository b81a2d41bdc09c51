package dev.natskit.assertions;

import io.nats.client.Message;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one message, such as a reply. Create one with {@link NatsAssertions#assertThat(Message)}.
 *
 * <p>Every assertion fails when the message is null or a {@code RequestFailureMessage}, which jnats returns from
 * {@code Connection.request} in place of a reply; the failure message explains why jnats returns it.
 */
public class MessageAssert extends AbstractAssert<MessageAssert, Message> {

    protected MessageAssert(Message actual) {
        super(actual, MessageAssert.class);
    }

    /**
     * Checks the message's subject.
     *
     * <pre>{@code
     * assertThat(message).hasSubject("orders.created");
     * }</pre>
     */
    public MessageAssert hasSubject(String subject) {
        MessageChecker.hasSubject(info, actual, subject);
        return myself;
    }

    /**
     * Checks the message's data as UTF-8 text.
     *
     * <pre>{@code
     * assertThat(connection.request("greet", "Ada".getBytes(UTF_8), Duration.ofSeconds(1))).hasData("Hello, Ada");
     * }</pre>
     */
    public MessageAssert hasData(String data) {
        MessageChecker.hasData(info, actual, data);
        return myself;
    }

    /**
     * Checks that the message has the header with this value among its values. Header keys are case-sensitive.
     *
     * <pre>{@code
     * assertThat(message).hasHeader("tenant", "acme");
     * }</pre>
     */
    public MessageAssert hasHeader(String key, String value) {
        MessageChecker.hasHeader(info, actual, key, value);
        return myself;
    }
}
