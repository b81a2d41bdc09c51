package dev.natskit.assertions;

import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link StreamAssert}. */
final class StreamChecker {

    private static final Failures FAILURES = Failures.instance();

    private StreamChecker() {}

    /** The stream an assertion reads, and how long it re-reads it: a null timeout means one read. */
    record Target(JetStreamManagement jsm, String stream, Duration timeout) {}

    static void hasMessageCount(AssertionInfo info, Target target, long expected) {
        hasValue(
                info,
                target,
                false,
                "message count",
                expected,
                stream -> stream.getStreamState().getMsgCount());
    }

    static void hasBytes(AssertionInfo info, Target target, long expected) {
        hasValue(
                info,
                target,
                false,
                "bytes",
                expected,
                stream -> stream.getStreamState().getByteCount());
    }

    static void hasFirstSequence(AssertionInfo info, Target target, long expected) {
        hasValue(
                info,
                target,
                false,
                "first sequence",
                expected,
                stream -> stream.getStreamState().getFirstSequence());
    }

    static void hasLastSequence(AssertionInfo info, Target target, long expected) {
        hasValue(
                info,
                target,
                false,
                "last sequence",
                expected,
                stream -> stream.getStreamState().getLastSequence());
    }

    static void hasSubjectCount(AssertionInfo info, Target target, String subject, long expected) {
        Objects.requireNonNull(subject, "subject");
        hasValue(
                info,
                target,
                true,
                "message count on subject " + MessageText.quote(subject),
                expected,
                stream -> subjectCount(stream, subject));
    }

    static void hasConfiguredSubjects(AssertionInfo info, Target target, List<String> expected) {
        check(
                info,
                target,
                false,
                "to have subjects",
                MessageText.quotedList(expected),
                stream -> stream.getConfiguration().getSubjects().equals(expected),
                stream -> MessageText.quotedList(stream.getConfiguration().getSubjects()));
    }

    /** Checks a value of the stream's configuration, such as the retention policy, by equality. */
    static void hasConfigValue(
            AssertionInfo info, Target target, String property, Object expected, Function<StreamInfo, Object> value) {
        Objects.requireNonNull(expected, property);
        check(
                info,
                target,
                false,
                "to have " + property,
                render(expected),
                stream -> expected.equals(value.apply(stream)),
                stream -> render(value.apply(stream)));
    }

    static void hasBytesAtMost(AssertionInfo info, Target target, long maximum) {
        check(
                info,
                target,
                false,
                "to have at most",
                JetStreamText.bytes(maximum),
                stream -> stream.getStreamState().getByteCount() <= maximum,
                stream -> JetStreamText.bytes(stream.getStreamState().getByteCount()));
    }

    private static void hasValue(
            AssertionInfo info,
            Target target,
            boolean allSubjects,
            String property,
            long expected,
            Function<StreamInfo, Long> value) {
        check(
                info,
                target,
                allSubjects,
                "to have " + property,
                String.valueOf(expected),
                read -> value.apply(read) == expected,
                read -> String.valueOf(value.apply(read)));
    }

    /**
     * Reads the stream once, or until {@code holds} accepts it when the target has a timeout, and fails with the
     * last state read.
     */
    private static void check(
            AssertionInfo info,
            Target target,
            boolean allSubjects,
            String expectation,
            String expected,
            Predicate<StreamInfo> holds,
            Function<StreamInfo, String> actual) {
        JetStreamReads.Read<StreamInfo> read = JetStreamReads.until(
                () -> JetStreamReads.stream(target.jsm(), target.stream(), allSubjects),
                holds,
                target.timeout(),
                JetStreamText.stream(target.stream()));
        if (!read.found()) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "stream",
                            MessageText.quote(target.stream()),
                            expectation,
                            expected,
                            target.timeout(),
                            ShouldHaveJetStreamState.butNotFound(read.notFound())));
        }
        if (!holds.test(read.info())) {
            String actualValue = actual.apply(read.info());
            throw FAILURES.failure(
                    info,
                    ShouldHaveJetStreamState.shouldHave(
                            "stream",
                            JetStreamText.streamState(target.stream(), read.info()),
                            expectation,
                            expected,
                            target.timeout(),
                            ShouldHaveJetStreamState.butHad(actualValue)),
                    actualValue,
                    expected);
        }
    }

    /** Renders enum constants by their Java name, such as {@code WorkQueue}, and durations as {@code 5 s}. */
    private static String render(Object value) {
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Duration duration) {
            return MessageText.duration(duration);
        }
        return String.valueOf(value);
    }

    private static long subjectCount(StreamInfo stream, String subject) {
        Long count = stream.getStreamState().getSubjectMap().get(subject);
        return count == null ? 0 : count;
    }
}
