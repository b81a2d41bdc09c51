package dev.natskit.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Formatting shared by the error messages of every backend, so that they read alike. */
final class ServerText {

    private ServerText() {}

    /** Indents every line by two spaces, or returns {@code "  (empty)"} for empty text. */
    static String indent(String text) {
        if (text.isEmpty()) {
            return "  (empty)";
        }
        List<String> lines = new ArrayList<>();
        text.lines().forEach(line -> lines.add("  " + line));
        return String.join("\n", lines);
    }

    /** Formats a timeout as whole seconds, such as {@code 10 s}, or else in milliseconds, such as {@code 500 ms}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
