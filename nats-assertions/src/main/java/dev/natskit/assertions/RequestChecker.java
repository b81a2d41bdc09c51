package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link RequestAssert}. */
final class RequestChecker {

    private static final Failures FAILURES = Failures.instance();

    private RequestChecker() {}

    /** Sends the request and returns its reply. */
    static Message receivesReply(AssertionInfo info, Connection connection, Message request, Duration timeout) {
        RequestOutcome outcome = send(connection, request, timeout);
        if (outcome.kind() != RequestOutcome.Kind.REPLY) {
            throw FAILURES.failure(
                    info, ShouldGetRequestOutcome.shouldReceiveReply(describe(request), timeout, outcome));
        }
        return outcome.reply();
    }

    static void hasNoResponders(AssertionInfo info, Connection connection, Message request, Duration timeout) {
        RequestOutcome outcome = send(connection, request, timeout);
        if (outcome.kind() != RequestOutcome.Kind.NO_RESPONDERS) {
            throw FAILURES.failure(
                    info, ShouldGetRequestOutcome.shouldHaveNoResponders(describe(request), timeout, outcome));
        }
    }

    /** Describes a request as {@code "greet" with data "hi"}. */
    static String describe(Message request) {
        return MessageText.quote(request.getSubject()) + " with data " + MessageText.quote(MessageText.data(request));
    }

    private static RequestOutcome send(Connection connection, Message request, Duration timeout) {
        try {
            return RequestOutcome.send(connection, request, timeout);
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("a reply to " + describe(request), e);
        }
    }
}
