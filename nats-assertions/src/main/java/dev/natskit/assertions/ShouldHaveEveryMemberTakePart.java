package dev.natskit.assertions;

import java.time.Duration;
import java.util.List;

/** Failure message of {@code everyMemberReceivedAtLeastOne}: some members received nothing. */
final class ShouldHaveEveryMemberTakePart extends NatsErrorMessage {

    private ShouldHaveEveryMemberTakePart(String text) {
        super(text);
    }

    /**
     * @param members the data of each member's messages, in member order
     * @param idle the 1-based numbers of the members that received nothing
     */
    static ShouldHaveEveryMemberTakePart shouldHaveEveryMemberTakePart(
            QueueGroupRecorder group, Duration timeout, List<List<String>> members, List<Integer> idle) {
        String who = idle.size() == 1 ? "member " + idle.get(0) : "members " + idle;
        return new ShouldHaveEveryMemberTakePart(lines(
                "Expecting queue group:",
                MessageText.INDENT + group.describeGroup(),
                "to have every member receive at least one message within:",
                MessageText.INDENT + MessageText.duration(timeout),
                "but " + who + " received none:",
                MemberText.memberLines(members)));
    }
}
