package dev.natskit.assertions;

import java.time.Duration;

/** Failure message of {@code receivesReply} and {@code hasNoResponders}: the request had another outcome. */
final class ShouldGetRequestOutcome extends NatsErrorMessage {

    private ShouldGetRequestOutcome(String text) {
        super(text);
    }

    static ShouldGetRequestOutcome shouldReceiveReply(String request, Duration timeout, RequestOutcome outcome) {
        return new ShouldGetRequestOutcome(lines(
                "Expecting request:",
                MessageText.INDENT + request,
                "to receive a reply within:",
                MessageText.INDENT + MessageText.duration(timeout),
                evidence(outcome, timeout)));
    }

    static ShouldGetRequestOutcome shouldHaveNoResponders(String request, Duration timeout, RequestOutcome outcome) {
        return new ShouldGetRequestOutcome(lines(
                "Expecting request:",
                MessageText.INDENT + request,
                "to get the no responders status (503) within:",
                MessageText.INDENT + MessageText.duration(timeout),
                evidence(outcome, timeout)));
    }

    private static String evidence(RequestOutcome outcome, Duration timeout) {
        return switch (outcome.kind()) {
            case REPLY -> "but received a reply:\n" + MessageText.INDENT + MessageText.body(outcome.reply());
            case NO_RESPONDERS -> "but no responders were subscribed to the subject, so the server sent status 503";
            case TIMED_OUT -> "but nothing arrived within " + MessageText.duration(timeout);
        };
    }
}
