package dev.natskit.assertions;

import java.util.ArrayList;
import java.util.List;

/** Renders the per-member counts that every queue group failure message shows. */
final class MemberText {

    private MemberText() {}

    /** Lists each member on one line: {@code member 1: 2 messages ["a", "b"]}. */
    static String memberLines(List<List<String>> members) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            List<String> data = members.get(i);
            lines.add(MessageText.INDENT + "member " + (i + 1) + ": " + MessageText.messages(data.size()) + " "
                    + MessageText.quotedList(data));
        }
        return String.join("\n", lines);
    }
}
