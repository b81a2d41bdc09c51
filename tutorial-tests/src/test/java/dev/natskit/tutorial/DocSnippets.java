package dev.natskit.tutorial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares the code blocks of markdown docs with the tagged regions of the specifications they are taken from, and
 * rewrites the blocks on request.
 *
 * <p>A doc names the source of a block in a marker line, {@code <!-- snippet: core/ConnectingSpec.java#connect -->},
 * followed by a fenced block. The path is relative to the specification folder, and the tag names the region
 * between {@code // tag::connect[]} and {@code // end::connect[]} in that file. The region loses its common
 * indentation and any nested tag lines. Every {@code ```java} block needs a marker, and both must start their lines:
 * an indented java block is reported, because the check could not compare it.
 */
final class DocSnippets {

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*(\\S+)#([\\w-]+)\\s*-->\\s*$");
    private static final Pattern TAG_LINE = Pattern.compile("^\\s*//\\s*(tag|end)::([\\w-]+)\\[]\\s*$");
    private static final String FENCE = "```";

    private final Path root;
    private final Path sourceFolder;

    /**
     * Creates a checker for the docs and sources below {@code root}.
     *
     * @param root the folder that file names in problems are relative to
     * @param sourceFolder the folder that marker paths are relative to
     */
    DocSnippets(Path root, Path sourceFolder) {
        this.root = root.toAbsolutePath().normalize();
        this.sourceFolder = sourceFolder.toAbsolutePath().normalize();
    }

    /** Lists the markdown files below {@code docsFolder}, sorted by path. */
    static List<Path> markdownFiles(Path docsFolder) throws IOException {
        try (Stream<Path> files = Files.walk(docsFolder)) {
            return files.filter(file -> file.toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }

    /** Returns a description of each problem in one doc: blocks that differ, bad markers, unmarked blocks. */
    List<String> check(Path doc) throws IOException {
        return scan(doc, false).problems();
    }

    /**
     * Rewrites each marked block of one doc from its source, and returns the problems that a rewrite cannot fix,
     * such as a marker that names an unknown file or tag.
     */
    List<String> update(Path doc) throws IOException {
        return scan(doc, true).problems();
    }

    private Scan scan(Path doc, boolean rewrite) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
        Scan scan = new Scan(relative(doc));
        boolean changed = false;
        int index = 0;
        while (index < lines.size()) {
            String line = lines.get(index);
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                Block block = findBlock(lines, index, scan);
                if (block == null) {
                    index++;
                    continue;
                }
                String expected = region(marker.group(1), marker.group(2), index + 1, scan);
                String actual = String.join("\n", lines.subList(block.contentStart(), block.contentEnd()));
                if (expected != null && !expected.equals(actual)) {
                    if (rewrite) {
                        lines.subList(block.contentStart(), block.contentEnd()).clear();
                        lines.addAll(block.contentStart(), expected.lines().toList());
                        changed = true;
                    } else {
                        scan.difference(index + 1, marker.group(1) + "#" + marker.group(2), expected, actual);
                    }
                }
                // A rewrite may change the block's length, so look for its closing fence again.
                index = closingFence(lines, block.contentStart() - 1) + 1;
                continue;
            }
            if (!line.startsWith(FENCE) && line.strip().equals(FENCE + "java")) {
                scan.problem(
                        index + 1,
                        "indented java code block. Markers and fences are read only at the start of a line, so"
                                + " this block is never compared with a specification. Move the marker and the block"
                                + " out of the list or quote to the start of the line.");
                index++;
                continue;
            }
            if (line.startsWith(FENCE)) {
                if (line.strip().equals(FENCE + "java")) {
                    scan.problem(
                            index + 1,
                            "java code block without a snippet marker. Put a line such as"
                                    + " <!-- snippet: core/ConnectingSpec.java#connect --> before it, naming a tagged"
                                    + " region of a specification.");
                }
                index = closingFence(lines, index) + 1;
                continue;
            }
            index++;
        }
        if (changed) {
            Files.write(doc, lines, StandardCharsets.UTF_8);
        }
        return scan;
    }

    /** Finds the fenced block after the marker on line {@code markerIndex}, or records a problem and returns null. */
    private static Block findBlock(List<String> lines, int markerIndex, Scan scan) {
        int fence = markerIndex + 1;
        while (fence < lines.size() && lines.get(fence).isBlank()) {
            fence++;
        }
        if (fence >= lines.size() || !lines.get(fence).startsWith(FENCE)) {
            scan.problem(markerIndex + 1, "snippet marker is not followed by a fenced code block.");
            return null;
        }
        int closing = closingFence(lines, fence);
        if (closing >= lines.size()) {
            scan.problem(fence + 1, "code block is not closed with ```.");
            return null;
        }
        return new Block(fence + 1, closing);
    }

    /** Returns the index of the line that closes the fence opened on {@code openingIndex}, or the line count. */
    private static int closingFence(List<String> lines, int openingIndex) {
        int index = openingIndex + 1;
        while (index < lines.size() && !lines.get(index).strip().equals(FENCE)) {
            index++;
        }
        return index;
    }

    /** Returns the tagged region that a marker names, or records a problem and returns null. */
    private String region(String file, String tag, int markerLine, Scan scan) throws IOException {
        Path source = sourceFolder.resolve(file).normalize();
        if (!source.startsWith(sourceFolder) || !Files.isRegularFile(source)) {
            scan.problem(
                    markerLine,
                    "snippet " + file + "#" + tag + " names the file " + relative(source)
                            + ", which is not found. Marker paths are relative to " + relative(sourceFolder) + ".");
            return null;
        }
        try {
            return extractRegion(Files.readAllLines(source, StandardCharsets.UTF_8), tag);
        } catch (IllegalArgumentException e) {
            scan.problem(markerLine, "snippet " + file + "#" + tag + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * Returns the lines between {@code // tag::NAME[]} and {@code // end::NAME[]}, without nested tag lines, without
     * their common indentation and without leading or trailing blank lines.
     *
     * @throws IllegalArgumentException if the tag is missing, appears more than once or has no end
     */
    static String extractRegion(List<String> sourceLines, String tag) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < sourceLines.size(); i++) {
            if (isTagLine(sourceLines.get(i), "tag", tag)) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            throw new IllegalArgumentException("tag " + tag + " not found: the source has no line // tag::" + tag
                    + "[]. Add the tag to the source or fix the marker.");
        }
        if (starts.size() > 1) {
            throw new IllegalArgumentException("tag " + tag + " appears " + starts.size()
                    + " times in the source. Give each region its own name.");
        }
        int end = starts.get(0) + 1;
        while (end < sourceLines.size() && !isTagLine(sourceLines.get(end), "end", tag)) {
            end++;
        }
        if (end >= sourceLines.size()) {
            throw new IllegalArgumentException("tag " + tag + " has no line // end::" + tag + "[] after its start.");
        }

        List<String> region = sourceLines.subList(starts.get(0) + 1, end).stream()
                .filter(line -> !TAG_LINE.matcher(line).matches())
                .toList();
        int indent = region.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(DocSnippets::leadingSpaces)
                .min()
                .orElse(0);
        String text = region.stream()
                .map(line -> line.isBlank() ? "" : line.substring(indent))
                .collect(Collectors.joining("\n"));
        return text.replaceAll("^\n+", "").replaceAll("\n+$", "");
    }

    private static boolean isTagLine(String line, String kind, String tag) {
        Matcher matcher = TAG_LINE.matcher(line);
        return matcher.matches()
                && matcher.group(1).equals(kind)
                && matcher.group(2).equals(tag);
    }

    private static int leadingSpaces(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }

    private String relative(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }

    /** Content lines {@code [contentStart, contentEnd)} of a fenced block; {@code contentEnd} is the closing fence. */
    private record Block(int contentStart, int contentEnd) {}

    /** Problems found in one doc, each naming the doc and the line. */
    private record Scan(String doc, List<String> problems) {

        Scan(String doc) {
            this(doc, new ArrayList<>());
        }

        void problem(int line, String text) {
            problems.add(doc + ":" + line + ": " + text);
        }

        void difference(int line, String snippet, String expected, String actual) {
            problems.add(doc + ":" + line + ": code block of snippet " + snippet + " differs from its source.\n"
                    + "Expected (the tagged region of the specification):\n" + indent(expected) + "\n"
                    + "Actual (the code block in the doc):\n" + indent(actual));
        }

        private static String indent(String text) {
            return text.isEmpty()
                    ? "    (empty)"
                    : text.lines().map(line -> "    " + line).collect(Collectors.joining("\n"));
        }
    }
}
