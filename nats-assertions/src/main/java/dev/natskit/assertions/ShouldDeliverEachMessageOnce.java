package dev.natskit.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Failure message of {@code deliversEachMessageOnce}: messages are missing, extra or arrived more than once. */
final class ShouldDeliverEachMessageOnce extends NatsErrorMessage {

    private ShouldDeliverEachMessageOnce(String text) {
        super(text);
    }

    /**
     * @param members the data of each member's messages, in member order
     * @param duplicates for each data that arrived more than once, the 1-based numbers of the members it reached,
     *     once per arrival
     */
    static ShouldDeliverEachMessageOnce shouldDeliverEachMessageOnce(
            QueueGroupRecorder group,
            int total,
            Duration timeout,
            List<List<String>> members,
            Map<String, List<Integer>> duplicates) {
        int received = members.stream().mapToInt(List::size).sum();
        List<String> lines = new ArrayList<>(List.of(
                "Expecting queue group:",
                MessageText.INDENT + group.describeGroup(),
                "to deliver each message to exactly one member:",
                MessageText.INDENT + MessageText.messages(total) + " within " + MessageText.duration(timeout),
                "but the members received " + MessageText.messages(received) + ":",
                MemberText.memberLines(members)));
        if (!duplicates.isEmpty()) {
            lines.add("and these arrived more than once:");
            duplicates.forEach((data, memberNumbers) ->
                    lines.add(MessageText.INDENT + MessageText.quote(data) + " at members " + memberNumbers));
        }
        return new ShouldDeliverEachMessageOnce(lines(lines.toArray(String[]::new)));
    }
}
