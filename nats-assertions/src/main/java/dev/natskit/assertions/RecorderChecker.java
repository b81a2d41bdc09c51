package dev.natskit.assertions;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link MessageRecorderAssert}. */
final class RecorderChecker {

    private static final Failures FAILURES = Failures.instance();

    private RecorderChecker() {}

    /** Waits for {@code n} messages and returns the first {@code n}, in arrival order. */
    static List<Message> receives(AssertionInfo info, MessageRecorder recorder, int n, Duration timeout) {
        requireNonNegative(n);
        try {
            if (!recorder.awaitCount(n, timeout)) {
                throw FAILURES.failure(
                        info, ShouldReceiveMessages.shouldReceiveAtLeast(recorder, n, timeout, recorder.messages()));
            }
        } catch (InterruptedException e) {
            throw Interruptions.interrupted(MessageText.messages(n) + " on " + recorder.describeSubscription(), e);
        }
        recorder.markChecked(n);
        return recorder.messages().subList(0, n);
    }

    /** Checks that exactly {@code n} messages arrived so far, without waiting, and returns them. */
    static List<Message> hasReceived(AssertionInfo info, MessageRecorder recorder, int n) {
        requireNonNegative(n);
        List<Message> received = recorder.messages();
        if (received.size() != n) {
            throw FAILURES.failure(info, ShouldReceiveMessages.shouldHaveReceivedExactly(recorder, n, received));
        }
        recorder.markChecked(n);
        return received;
    }

    /** Waits until a delivery of this stream sequence with a delivery count above 1 arrived, and returns it. */
    static Message receivesRedelivery(
            AssertionInfo info, MessageRecorder recorder, long streamSequence, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int checked = 0;
            while (true) {
                List<Message> received = recorder.messages();
                for (; checked < received.size(); checked++) {
                    if (isRedelivery(received.get(checked), streamSequence)) {
                        recorder.markChecked(checked + 1);
                        return received.get(checked);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !recorder.awaitCount(checked + 1, Duration.ofNanos(remaining))) {
                    throw FAILURES.failure(
                            info,
                            ShouldReceiveRedelivery.shouldReceiveRedelivery(
                                    recorder, streamSequence, timeout, recorder.messages()));
                }
            }
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("a redelivery on " + recorder.describeSubscription(), e);
        }
    }

    private static boolean isRedelivery(Message message, long streamSequence) {
        return JetStreamMetadata.of(message)
                .filter(metadata -> metadata.streamSequence() == streamSequence && metadata.deliveredCount() > 1)
                .isPresent();
    }

    /**
     * Flushes each publisher, drains the recorder's dispatcher, then checks that no message arrived beyond the
     * ones earlier assertions accounted for.
     */
    static void receivesNothingMore(
            AssertionInfo info, MessageRecorder recorder, Connection[] publishers, Duration timeout) {
        for (Connection publisher : publishers) {
            flush(publisher, timeout);
        }
        try {
            if (!recorder.drain(timeout)) {
                throw new IllegalStateException("Timed out after " + MessageText.duration(timeout)
                        + " waiting for the dispatcher of " + recorder.describeSubscription()
                        + " to handle the messages it had received. Is its connection up?");
            }
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("the dispatcher of " + recorder.describeSubscription(), e);
        }
        int checked = recorder.checkedCount();
        List<Message> received = recorder.messages();
        if (received.size() > checked) {
            List<Message> extra = received.subList(checked, received.size());
            throw FAILURES.failure(info, ShouldReceiveNothingMore.shouldReceiveNothingMore(recorder, checked, extra));
        }
    }

    private static void flush(Connection publisher, Duration timeout) {
        try {
            publisher.flush(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Timed out after " + MessageText.duration(timeout) + " flushing the publishing connection "
                            + publisher.getConnectedUrl() + ". Is it connected?",
                    e);
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("a flush of a publishing connection", e);
        }
    }

    private static void requireNonNegative(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("The number of messages must not be negative, but was " + n);
        }
    }
}
