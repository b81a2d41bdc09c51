package dev.natskit.server;

import org.testcontainers.DockerClientFactory;

/** Condition for tests that need a Docker engine, for {@code @EnabledIf("dev.natskit.server.Docker#available")}. */
public final class Docker {

    /** Reason shown for a container test that is skipped. */
    public static final String SKIPPED =
            "no Docker engine responds, so the container backend cannot be tested here; start Docker to run it";

    private Docker() {}

    /** Returns whether Testcontainers reaches a Docker engine. */
    public static boolean available() {
        return ServerBackends.containerProblem().isEmpty();
    }

    /** Returns the Docker host Testcontainers uses, for messages. */
    public static String host() {
        return DockerClientFactory.instance().dockerHostIpAddress();
    }
}
