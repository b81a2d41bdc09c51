package dev.natskit.server;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * The calls into Testcontainers that the backend choice makes. The JVM loads this class, and Testcontainers with
 * it, only when one of its methods runs, which {@link ServerBackends} allows only after finding Testcontainers.
 */
final class ContainerSupport {

    private ContainerSupport() {}

    static ManagedNatsServer start(NatsServerOptions options) {
        return ContainerNatsServer.start(options);
    }

    /** Returns why Testcontainers finds no Docker engine, or empty when one responds. */
    static Optional<String> dockerProblem() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of("Testcontainers found no Docker engine that responds. Start Docker, or set"
                    + " DOCKER_HOST to an engine that runs.");
        } catch (RuntimeException e) {
            return Optional.of("Testcontainers failed to reach a Docker engine: " + e.getMessage());
        }
    }
}
