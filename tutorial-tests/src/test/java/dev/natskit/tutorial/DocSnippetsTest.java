package dev.natskit.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every code block in {@code docs/} equals the tagged region of the specification its marker names.
 *
 * <p>To rewrite the blocks from the specifications, run from the repository root:
 *
 * <pre>
 * ./mvnw -pl tutorial-tests -am test -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dnatskit.snippets.update=true
 * </pre>
 */
@DisplayName("Doc snippets")
class DocSnippetsTest {

    /** System property that makes the test rewrite the code blocks instead of failing on a difference. */
    static final String UPDATE_PROPERTY = "natskit.snippets.update";

    private static final String UPDATE_HINT = "To rewrite the code blocks from the specifications, run:\n"
            + "./mvnw -pl tutorial-tests -am test -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dnatskit.snippets.update=true";

    @TestFactory
    @DisplayName("every doc shows its snippets as the specifications have them")
    Stream<DynamicTest> docsMatchSpecifications() throws IOException {
        Path root = repositoryRoot();
        DocSnippets snippets = new DocSnippets(root, specificationFolder(root));
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        List<Path> docs = DocSnippets.markdownFiles(root.resolve("docs"));
        assertThat(docs).as("markdown files under %s", root.resolve("docs")).isNotEmpty();

        return docs.stream()
                .map(doc -> DynamicTest.dynamicTest(root.relativize(doc).toString(), () -> {
                    List<String> problems = update ? snippets.update(doc) : snippets.check(doc);
                    if (!problems.isEmpty()) {
                        fail(String.join("\n\n", problems) + "\n\n" + UPDATE_HINT);
                    }
                }));
    }

    /**
     * Returns the repository root: the working directory when it contains {@code docs/}, else its parent, because
     * Maven runs the tests in the module folder.
     */
    private static Path repositoryRoot() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path candidate : new Path[] {workingDirectory, workingDirectory.getParent()}) {
            if (candidate != null
                    && Files.isDirectory(candidate.resolve("docs"))
                    && Files.isDirectory(candidate.resolve("tutorial-tests"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("Repository root not found from the working directory " + workingDirectory
                + ": neither it nor its parent contains docs/ and tutorial-tests/. Run the test from the"
                + " repository root or from tutorial-tests/.");
    }

    private static Path specificationFolder(Path root) {
        return root.resolve("tutorial-tests/src/test/java/dev/natskit/tutorial");
    }

    @Nested
    @DisplayName("the checker")
    class Checker {

        @TempDir
        Path root;

        private DocSnippets snippets;

        private Path doc;

        private void write(String relativePath, String text) throws IOException {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }

        private void givenSpecAndDoc(String docText) throws IOException {
            write("specs/core/ExampleSpec.java", """
                    class ExampleSpec {
                        void example() {
                            // tag::outer[]
                            int a = 1;
                            // tag::inner[]
                            if (a > 0) {
                                a++;
                            }
                            // end::inner[]
                            // end::outer[]
                        }
                    }
                    """);
            write("docs/example.md", docText);
            snippets = new DocSnippets(root, root.resolve("specs"));
            doc = root.resolve("docs/example.md");
        }

        @Test
        @DisplayName("accepts a block equal to its region")
        void acceptsEqualBlock() throws IOException {
            givenSpecAndDoc("""
                    Text.

                    <!-- snippet: core/ExampleSpec.java#inner -->
                    ```java
                    if (a > 0) {
                        a++;
                    }
                    ```
                    """);

            assertThat(snippets.check(doc)).isEmpty();
        }

        @Test
        @DisplayName("drops nested tag lines and common indentation")
        void dropsNestedTagsAndIndentation() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/ExampleSpec.java#outer -->
                    ```java
                    int a = 1;
                    if (a > 0) {
                        a++;
                    }
                    ```
                    """);

            assertThat(snippets.check(doc)).isEmpty();
        }

        @Test
        @DisplayName("reports a differing block with doc, snippet and both texts")
        void reportsDifference() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/ExampleSpec.java#inner -->
                    ```java
                    if (a > 1) {
                        a++;
                    }
                    ```
                    """);

            assertThat(snippets.check(doc)).singleElement().isEqualTo("""
                            docs/example.md:1: code block of snippet core/ExampleSpec.java#inner differs from its source.
                            Expected (the tagged region of the specification):
                                if (a > 0) {
                                    a++;
                                }
                            Actual (the code block in the doc):
                                if (a > 1) {
                                    a++;
                                }""");
        }

        @Test
        @DisplayName("reports a marker that names an unknown file")
        void reportsUnknownFile() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/MissingSpec.java#inner -->
                    ```java
                    ```
                    """);

            assertThat(snippets.check(doc))
                    .singleElement()
                    .asString()
                    .startsWith("docs/example.md:1: snippet core/MissingSpec.java#inner names the file"
                            + " specs/core/MissingSpec.java, which is not found.");
        }

        @Test
        @DisplayName("reports a marker that names an unknown tag")
        void reportsUnknownTag() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/ExampleSpec.java#missing -->
                    ```java
                    ```
                    """);

            assertThat(snippets.check(doc))
                    .singleElement()
                    .asString()
                    .startsWith("docs/example.md:1: snippet core/ExampleSpec.java#missing: tag missing not found");
        }

        @Test
        @DisplayName("reports a marker without a code block")
        void reportsMarkerWithoutBlock() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/ExampleSpec.java#inner -->
                    Text instead of a block.
                    """);

            assertThat(snippets.check(doc))
                    .containsExactly("docs/example.md:1: snippet marker is not followed by a fenced code block.");
        }

        @Test
        @DisplayName("reports a java block without a marker")
        void reportsUnmarkedJavaBlock() throws IOException {
            givenSpecAndDoc("""
                    ```shell
                    nats-server -js
                    ```

                    ```java
                    int b = 2;
                    ```
                    """);

            assertThat(snippets.check(doc))
                    .singleElement()
                    .asString()
                    .startsWith("docs/example.md:5: java code block without a snippet marker.");
        }

        @Test
        @DisplayName("reports an indented java block, which the check cannot compare")
        void reportsIndentedJavaBlock() throws IOException {
            givenSpecAndDoc("""
                    - a list item

                      <!-- snippet: core/ExampleSpec.java#inner -->
                      ```java
                      int b = 2;
                      ```
                    """);

            assertThat(snippets.check(doc))
                    .singleElement()
                    .asString()
                    .startsWith("docs/example.md:4: indented java code block.");
        }

        @Test
        @DisplayName("rewrites a differing block in update mode")
        void rewritesBlock() throws IOException {
            givenSpecAndDoc("""
                    <!-- snippet: core/ExampleSpec.java#outer -->
                    ```java
                    old
                    ```
                    After.
                    """);

            assertThat(snippets.update(doc)).isEmpty();

            assertThat(Files.readString(doc)).isEqualTo("""
                    <!-- snippet: core/ExampleSpec.java#outer -->
                    ```java
                    int a = 1;
                    if (a > 0) {
                        a++;
                    }
                    ```
                    After.
                    """);
            assertThat(snippets.check(doc)).isEmpty();
        }

        @Test
        @DisplayName("rejects a tag without an end")
        void rejectsTagWithoutEnd() {
            List<String> source = List.of("// tag::open[]", "int a = 1;");

            assertThatThrownBy(() -> DocSnippets.extractRegion(source, "open"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("tag open has no line // end::open[] after its start.");
        }

        @Test
        @DisplayName("rejects a tag that appears twice")
        void rejectsDuplicateTag() {
            List<String> source = List.of("// tag::twice[]", "// end::twice[]", "// tag::twice[]", "// end::twice[]");

            assertThatThrownBy(() -> DocSnippets.extractRegion(source, "twice"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("tag twice appears 2 times");
        }
    }
}
