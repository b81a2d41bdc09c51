package dev.natskit.assertions;

import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link AdvisoryAssert}. */
final class AdvisoryChecker {

    private static final Failures FAILURES = Failures.instance();

    private AdvisoryChecker() {}

    /** Waits until an advisory of this kind about this stream sequence arrived, waking on every arrival. */
    static void reports(
            AssertionInfo info, AdvisoryRecorder advisories, String kind, long streamSequence, Duration timeout) {
        MessageRecorder recorder = advisories.recorder();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            int checked = 0;
            while (true) {
                List<Message> received = recorder.messages();
                for (; checked < received.size(); checked++) {
                    Advisory advisory = Advisory.of(received.get(checked));
                    if (advisory.kind().equals(kind) && advisory.streamSequence() == streamSequence) {
                        return;
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || !recorder.awaitCount(checked + 1, Duration.ofNanos(remaining))) {
                    throw FAILURES.failure(
                            info,
                            ShouldReportAdvisory.shouldReport(
                                    advisories, kind, streamSequence, timeout, recorder.messages()));
                }
            }
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("a " + kind + " advisory", e);
        }
    }
}
