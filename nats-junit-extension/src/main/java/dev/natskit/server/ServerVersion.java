package dev.natskit.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A nats-server version such as {@code 2.10.27}, ordered by its numeric parts. A suffix such as {@code -beta.1}
 * sorts before the release it precedes.
 */
public record ServerVersion(List<Integer> numbers, String suffix, String text) implements Comparable<ServerVersion> {

    /** Checks the components and copies the list. */
    public ServerVersion {
        numbers = List.copyOf(numbers);
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(text, "text");
    }

    /** Parses a version, with or without a leading {@code v}; parts that are not numbers form the suffix. */
    public static ServerVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.startsWith("v") ? text.substring(1) : text;
        List<Integer> numbers = new ArrayList<>();
        int index = 0;
        while (index < trimmed.length()) {
            int end = index;
            while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end))) {
                end++;
            }
            if (end == index || end - index > 9) {
                break;
            }
            numbers.add(Integer.parseInt(trimmed.substring(index, end)));
            index = end;
            if (index < trimmed.length() && trimmed.charAt(index) == '.') {
                index++;
            } else {
                break;
            }
        }
        return new ServerVersion(numbers, trimmed.substring(Math.min(index, trimmed.length())), trimmed);
    }

    @Override
    public int compareTo(ServerVersion other) {
        for (int i = 0; i < Math.max(numbers.size(), other.numbers.size()); i++) {
            int left = i < numbers.size() ? numbers.get(i) : 0;
            int right = i < other.numbers.size() ? other.numbers.get(i) : 0;
            if (left != right) {
                return Integer.compare(left, right);
            }
        }
        if (suffix.isEmpty() != other.suffix.isEmpty()) {
            return suffix.isEmpty() ? 1 : -1;
        }
        return suffix.compareTo(other.suffix);
    }

    @Override
    public String toString() {
        return text;
    }
}
