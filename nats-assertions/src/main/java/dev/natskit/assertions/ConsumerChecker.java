package dev.natskit.assertions;

import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link ConsumerAssert}. */
final class ConsumerChecker {

    private static final Failures FAILURES = Failures.instance();

    private ConsumerChecker() {}

    /** The consumer an assertion reads, and how long it re-reads it: a null timeout means one read. */
    record Target(JetStreamManagement jsm, String stream, String consumer, Duration timeout) {}

    /** Compares one number of the consumer's state, such as {@code ack pending}. */
    static void hasValue(
            AssertionInfo info, Target target, String property, long expected, Function<ConsumerInfo, Long> value) {
        Predicate<ConsumerInfo> holds = read -> value.apply(read) == expected;
        ConsumerInfo consumer = read(info, target, "to have " + property, String.valueOf(expected), holds);
        long actual = value.apply(consumer);
        if (actual != expected) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "consumer",
                            describe(target, consumer),
                            "to have " + property,
                            String.valueOf(expected),
                            target.timeout(),
                            ShouldHaveJetStreamState.butHad(String.valueOf(actual))),
                    actual,
                    expected);
        }
    }

    /** Waits until the ack floor reaches the stream sequence. */
    static void hasAcknowledged(AssertionInfo info, Target target, long streamSequence) {
        requirePositive(streamSequence);
        String expected = "stream sequence " + streamSequence;
        ConsumerInfo consumer =
                read(info, target, "to have acknowledged", expected, read -> ackFloor(read) >= streamSequence);
        if (ackFloor(consumer) < streamSequence) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "consumer",
                            describe(target, consumer),
                            "to have acknowledged",
                            expected,
                            target.timeout(),
                            "but its ack floor stayed at stream sequence " + ackFloor(consumer)
                                    + notDeliveredYet(consumer, streamSequence)));
        }
    }

    /** Waits until nothing is ack pending and the ack floor reached the last delivered stream sequence. */
    static void hasAcknowledgedAll(AssertionInfo info, Target target) {
        String expected = "every delivered message";
        ConsumerInfo consumer = read(info, target, "to have acknowledged", expected, ConsumerChecker::allAcknowledged);
        if (!allAcknowledged(consumer)) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "consumer",
                            describe(target, consumer),
                            "to have acknowledged",
                            expected,
                            target.timeout(),
                            "but " + JetStreamText.messages(consumer.getNumAckPending())
                                    + " stayed ack pending, and its ack floor stayed at stream sequence "
                                    + ackFloor(consumer) + " behind delivered stream sequence "
                                    + delivered(consumer)));
        }
    }

    /** Waits until the ack floor reaches the stream sequence, which is when the server stops tracking it. */
    static void willNotRedeliver(AssertionInfo info, Target target, long streamSequence) {
        requirePositive(streamSequence);
        String expected = "stream sequence " + streamSequence;
        ConsumerInfo consumer =
                read(info, target, "to not redeliver", expected, read -> ackFloor(read) >= streamSequence);
        if (ackFloor(consumer) < streamSequence) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "consumer",
                            describe(target, consumer),
                            "to not redeliver",
                            expected,
                            target.timeout(),
                            "but its ack floor stayed at stream sequence " + ackFloor(consumer)
                                    + ", so that message may still be ack pending and be redelivered after AckWait"
                                    + notDeliveredYet(consumer, streamSequence)));
        }
    }

    /** Reads the consumer once or until {@code holds}, and fails when the server finds no such consumer. */
    private static ConsumerInfo read(
            AssertionInfo info, Target target, String expectation, String expected, Predicate<ConsumerInfo> holds) {
        JetStreamReads.Read<ConsumerInfo> read = JetStreamReads.until(
                () -> JetStreamReads.consumer(target.jsm(), target.stream(), target.consumer()),
                holds,
                target.timeout(),
                "consumer " + JetStreamText.consumer(target.stream(), target.consumer()));
        if (!read.found()) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "consumer",
                            JetStreamText.consumer(target.stream(), target.consumer()),
                            expectation,
                            expected,
                            target.timeout(),
                            ShouldHaveJetStreamState.butNotFound(read.notFound())));
        }
        return read.info();
    }

    private static boolean allAcknowledged(ConsumerInfo consumer) {
        return consumer.getNumAckPending() == 0 && ackFloor(consumer) >= delivered(consumer);
    }

    private static long ackFloor(ConsumerInfo consumer) {
        return consumer.getAckFloor().getStreamSequence();
    }

    private static long delivered(ConsumerInfo consumer) {
        return consumer.getDelivered().getStreamSequence();
    }

    private static String notDeliveredYet(ConsumerInfo consumer, long streamSequence) {
        return delivered(consumer) < streamSequence
                ? ", and the consumer has delivered only up to stream sequence " + delivered(consumer)
                : "";
    }

    private static String describe(Target target, ConsumerInfo consumer) {
        return JetStreamText.consumerState(target.stream(), target.consumer(), consumer);
    }

    private static void requirePositive(long streamSequence) {
        if (streamSequence < 1) {
            throw new IllegalArgumentException("A stream sequence starts at 1, but was " + streamSequence);
        }
    }
}
