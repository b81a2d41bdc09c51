package dev.natskit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Testcontainers as an optional dependency")
class OptionalTestcontainersTest {

    @Test
    @DisplayName("binary works and container names the dependency")
    void withoutTestcontainers() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("testcontainers") && !entry.contains("docker-java"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", classPath, WithoutTestcontainers.class.getName())
                .redirectErrorStream(true)
                .start();
        child.getOutputStream().close();

        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = output.lines().toList();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(lines).as(output).contains("binary=LocalNatsServer");
        assertThat(lines)
                .as(output)
                .contains("container=The container backend needs Testcontainers, which is not on the class path."
                        + " Add the test dependency org.testcontainers:testcontainers (version 2.0 or newer), or use"
                        + " the binary backend.");
    }
}
