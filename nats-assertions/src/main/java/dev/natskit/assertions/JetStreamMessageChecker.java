package dev.natskit.assertions;

import io.nats.client.Message;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.util.function.Function;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link JetStreamMessageAssert}. */
final class JetStreamMessageChecker {

    private static final Failures FAILURES = Failures.instance();

    private JetStreamMessageChecker() {}

    static void hasStream(AssertionInfo info, Message message, String expected) {
        NatsJetStreamMetaData metadata = requireMetadata(info, message);
        if (!metadata.getStream().equals(expected)) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamMessageValue.shouldHave(
                            message,
                            metadata,
                            "stream",
                            MessageText.quote(expected),
                            MessageText.quote(metadata.getStream())),
                    metadata.getStream(),
                    expected);
        }
    }

    static void hasConsumer(AssertionInfo info, Message message, String expected) {
        NatsJetStreamMetaData metadata = requireMetadata(info, message);
        if (!metadata.getConsumer().equals(expected)) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamMessageValue.shouldHave(
                            message,
                            metadata,
                            "consumer",
                            MessageText.quote(expected),
                            MessageText.quote(metadata.getConsumer())),
                    metadata.getConsumer(),
                    expected);
        }
    }

    static void hasStreamSequence(AssertionInfo info, Message message, long expected) {
        hasNumber(info, message, "stream sequence", expected, NatsJetStreamMetaData::streamSequence);
    }

    static void hasConsumerSequence(AssertionInfo info, Message message, long expected) {
        hasNumber(info, message, "consumer sequence", expected, NatsJetStreamMetaData::consumerSequence);
    }

    static void hasDeliveryCount(AssertionInfo info, Message message, long expected) {
        hasNumber(info, message, "delivery count", expected, NatsJetStreamMetaData::deliveredCount);
    }

    static void isRedelivered(AssertionInfo info, Message message, boolean expected) {
        NatsJetStreamMetaData metadata = requireMetadata(info, message);
        if ((metadata.deliveredCount() > 1) != expected) {
            throw FAILURES.failure(
                    info, ShouldHaveJetStreamMessageValue.shouldBeRedelivered(message, metadata, expected));
        }
    }

    private static void hasNumber(
            AssertionInfo info,
            Message message,
            String property,
            long expected,
            Function<NatsJetStreamMetaData, Long> value) {
        NatsJetStreamMetaData metadata = requireMetadata(info, message);
        long actual = value.apply(metadata);
        if (actual != expected) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamMessageValue.shouldHave(
                            message, metadata, property, String.valueOf(expected), String.valueOf(actual)),
                    actual,
                    expected);
        }
    }

    private static NatsJetStreamMetaData requireMetadata(AssertionInfo info, Message message) {
        return JetStreamMetadata.of(message)
                .orElseThrow(() -> FAILURES.failure(info, ShouldBeJetStreamMessage.shouldBeJetStreamMessage(message)));
    }
}
