package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link ReceivedMessagesAssert}. */
final class MessagesChecker {

    private static final Failures FAILURES = Failures.instance();

    private MessagesChecker() {}

    static void hasSubjects(AssertionInfo info, List<Message> messages, String[] expected) {
        List<String> actual = messages.stream().map(Message::getSubject).toList();
        inOrder(info, messages, "subjects", actual, List.of(expected));
    }

    static void hasData(AssertionInfo info, List<Message> messages, String[] expected) {
        List<String> actual = messages.stream().map(MessageText::data).toList();
        inOrder(info, messages, "data", actual, List.of(expected));
    }

    static void hasDataInAnyOrder(AssertionInfo info, List<Message> messages, String[] expected) {
        List<String> unexpected =
                new ArrayList<>(messages.stream().map(MessageText::data).toList());
        List<String> missing = new ArrayList<>();
        for (String data : expected) {
            // Remove one occurrence at a time, so that each expected value matches one message.
            if (!unexpected.remove(Objects.requireNonNull(data, "expected data must not contain null"))) {
                missing.add(data);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw FAILURES.failure(
                    info,
                    ShouldHaveDataInAnyOrder.shouldHaveDataInAnyOrder(
                            messages, List.of(expected), missing, unexpected));
        }
    }

    static void eachHasHeader(AssertionInfo info, List<Message> messages, String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        List<Message> without = messages.stream()
                .filter(message -> !MessageChecker.headerValues(message, key).contains(value))
                .toList();
        if (!without.isEmpty()) {
            throw FAILURES.failure(info, ShouldEachHaveHeader.shouldEachHaveHeader(messages, key, value, without));
        }
    }

    private static void inOrder(
            AssertionInfo info, List<Message> messages, String property, List<String> actual, List<String> expected) {
        if (!actual.equals(expected)) {
            throw FAILURES.failure(
                    info, ShouldHaveInOrder.shouldHaveInOrder(messages, property, expected, actual), actual, expected);
        }
    }
}
