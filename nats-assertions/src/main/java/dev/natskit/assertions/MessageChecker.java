package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.RequestFailureMessage;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link MessageAssert}. */
final class MessageChecker {

    private static final Failures FAILURES = Failures.instance();

    private MessageChecker() {}

    static void hasSubject(AssertionInfo info, Message message, String expected) {
        requireReceived(info, message);
        if (!message.getSubject().equals(expected)) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveMessageValue.shouldHave(
                            message,
                            "subject",
                            MessageText.quote(expected),
                            ShouldHaveMessageValue.butHad(MessageText.quote(message.getSubject()))),
                    message.getSubject(),
                    expected);
        }
    }

    static void hasData(AssertionInfo info, Message message, String expected) {
        requireReceived(info, message);
        String actual = MessageText.data(message);
        if (!actual.equals(expected)) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveMessageValue.shouldHave(
                            message,
                            "data",
                            MessageText.quote(expected),
                            ShouldHaveMessageValue.butHad(MessageText.quote(actual))),
                    actual,
                    expected);
        }
    }

    static void hasHeader(AssertionInfo info, Message message, String key, String value) {
        requireReceived(info, message);
        if (headerValues(message, key).contains(value)) {
            return;
        }
        String evidence = MessageText.hasHeaders(message)
                ? "but had headers:\n" + MessageText.INDENT + MessageText.headers(message.getHeaders())
                : "but had no headers";
        throw FAILURES.failure(
                info,
                ShouldHaveMessageValue.shouldHave(
                        message, "header", MessageText.quote(key) + ": " + MessageText.quote(value), evidence));
    }

    /** Returns the values of a header, or an empty list when the message lacks it. Never null. */
    static List<String> headerValues(Message message, String key) {
        Objects.requireNonNull(key, "key");
        if (!message.hasHeaders() || message.getHeaders().get(key) == null) {
            return List.of();
        }
        return message.getHeaders().get(key);
    }

    /** Fails on null and on the {@link RequestFailureMessage} that jnats returns in place of a reply. */
    private static void requireReceived(AssertionInfo info, Message message) {
        if (message == null || message instanceof RequestFailureMessage) {
            throw FAILURES.failure(info, ShouldBeReceivedMessage.shouldBeReceivedMessage(message));
        }
    }
}
