package dev.natskit.assertions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.AssertionInfo;
import org.assertj.core.internal.Failures;

/** Checks behind {@link QueueGroupAssert}. Messages are identified by their data. */
final class QueueGroupChecker {

    private static final Failures FAILURES = Failures.instance();

    private QueueGroupChecker() {}

    static void deliversEachMessageOnce(AssertionInfo info, QueueGroupRecorder group, int total, Duration timeout) {
        if (total < 1) {
            throw new IllegalArgumentException("total must be at least 1, but was " + total);
        }
        boolean arrived = await(group, timeout, counts -> sum(counts) >= total);
        List<List<String>> members = memberData(group);
        Map<String, List<Integer>> duplicates = duplicates(members);
        int received = members.stream().mapToInt(List::size).sum();
        if (!arrived || received != total || !duplicates.isEmpty()) {
            throw FAILURES.failure(
                    info,
                    ShouldDeliverEachMessageOnce.shouldDeliverEachMessageOnce(
                            group, total, timeout, members, duplicates));
        }
    }

    static void everyMemberReceivedAtLeastOne(AssertionInfo info, QueueGroupRecorder group, Duration timeout) {
        await(group, timeout, counts -> counts.stream().allMatch(count -> count > 0));
        List<List<String>> members = memberData(group);
        List<Integer> idle = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).isEmpty()) {
                idle.add(i + 1);
            }
        }
        if (!idle.isEmpty()) {
            throw FAILURES.failure(
                    info, ShouldHaveEveryMemberTakePart.shouldHaveEveryMemberTakePart(group, timeout, members, idle));
        }
    }

    private static boolean await(QueueGroupRecorder group, Duration timeout, Predicate<List<Integer>> condition) {
        try {
            return group.awaitMembers(timeout, condition);
        } catch (InterruptedException e) {
            throw Interruptions.interrupted("the members of queue group " + group.describeGroup(), e);
        }
    }

    private static List<List<String>> memberData(QueueGroupRecorder group) {
        return group.members().stream()
                .map(member -> member.messages().stream().map(MessageText::data).toList())
                .toList();
    }

    /** Maps each data that arrived more than once to the members it reached, once per arrival, in member order. */
    private static Map<String, List<Integer>> duplicates(List<List<String>> members) {
        Map<String, List<Integer>> reached = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            for (String data : members.get(i)) {
                reached.computeIfAbsent(data, key -> new ArrayList<>()).add(i + 1);
            }
        }
        reached.values().removeIf(memberNumbers -> memberNumbers.size() < 2);
        return reached;
    }

    private static int sum(List<Integer> counts) {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }
}
