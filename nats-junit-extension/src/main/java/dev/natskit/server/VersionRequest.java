package dev.natskit.server;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The nats-server version a test requests: any version, an exact one such as {@code 2.10.27}, or a prefix such as
 * {@code 2.10} that any {@code 2.10.x} release matches.
 */
public final class VersionRequest {

    private static final Pattern FORM = Pattern.compile("v?\\d+(\\.\\d+){0,2}(-[0-9A-Za-z.-]+)?");
    private static final VersionRequest ANY = new VersionRequest("", List.of(), "");

    private final String text;
    private final List<Integer> numbers;
    private final String suffix;

    private VersionRequest(String text, List<Integer> numbers, String suffix) {
        this.text = text;
        this.numbers = numbers;
        this.suffix = suffix;
    }

    /** Returns the request that any version satisfies. */
    public static VersionRequest any() {
        return ANY;
    }

    /**
     * Parses a request: empty for any version, otherwise one to three numbers separated by dots, with an optional
     * leading {@code v} and pre-release suffix such as {@code -beta.1}.
     *
     * @throws IllegalArgumentException if the text has another form
     */
    public static VersionRequest parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return ANY;
        }
        if (!FORM.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Invalid nats-server version \"" + text
                    + "\". Use an exact version such as \"2.10.27\" or a prefix such as \"2.10\".");
        }
        ServerVersion version = ServerVersion.parse(trimmed);
        return new VersionRequest(version.text(), version.numbers(), version.suffix());
    }

    /** Returns whether any version satisfies this request. */
    public boolean isAny() {
        return numbers.isEmpty();
    }

    /** Returns whether this request names a whole version (major, minor and patch), which can be downloaded. */
    public boolean isExact() {
        return numbers.size() == 3;
    }

    /** Returns whether {@code version} satisfies this request. */
    public boolean matches(ServerVersion version) {
        if (version.numbers().size() < numbers.size()) {
            return false;
        }
        if (!version.numbers().subList(0, numbers.size()).equals(numbers)) {
            return false;
        }
        return !isExact() || version.suffix().equals(suffix);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VersionRequest request && request.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the request as written, without a leading {@code v}; empty for any version. */
    @Override
    public String toString() {
        return text;
    }
}
