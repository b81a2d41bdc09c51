package dev.natskit.assertions;

import io.nats.client.api.PublishAck;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link PublishAckAssert}. */
final class PublishAckChecker {

    private static final Failures FAILURES = Failures.instance();

    private PublishAckChecker() {}

    static void hasStream(AssertionInfo info, PublishAck ack, String expected) {
        requireAck(info, ack, "stream", MessageText.quote(expected));
        if (!ack.getStream().equals(expected)) {
            throw FAILURES.failure(
                    info,
                    ShouldHavePublishAck.shouldHave(
                            ack, "stream", MessageText.quote(expected), MessageText.quote(ack.getStream())),
                    ack.getStream(),
                    expected);
        }
    }

    static void hasSequence(AssertionInfo info, PublishAck ack, long expected) {
        requireAck(info, ack, "sequence", String.valueOf(expected));
        if (ack.getSeqno() != expected) {
            throw FAILURES.failure(
                    info,
                    ShouldHavePublishAck.shouldHave(
                            ack, "sequence", String.valueOf(expected), String.valueOf(ack.getSeqno())),
                    ack.getSeqno(),
                    expected);
        }
    }

    static void hasDuplicateFlag(AssertionInfo info, PublishAck ack, boolean expected) {
        if (ack == null || ack.isDuplicate() != expected) {
            throw FAILURES.failure(info, ShouldHavePublishAck.shouldBeDuplicate(ack, expected));
        }
    }

    private static void requireAck(AssertionInfo info, PublishAck ack, String property, String expected) {
        if (ack == null) {
            throw FAILURES.failure(info, ShouldHavePublishAck.shouldHave(null, property, expected, "null"));
        }
    }
}
