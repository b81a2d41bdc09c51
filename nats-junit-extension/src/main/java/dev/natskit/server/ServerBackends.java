package dev.natskit.server;

import java.util.Optional;

/**
 * Starts a server with the backend the options select. This class names Testcontainers only as text, so that a
 * binary server starts without Testcontainers on the class path; {@link ContainerSupport} contains every call into it.
 */
final class ServerBackends {

    /** Maven coordinates of the dependency the container backend needs. */
    static final String TESTCONTAINERS_DEPENDENCY = "org.testcontainers:testcontainers";

    private static final String TESTCONTAINERS_CLASS = "org.testcontainers.DockerClientFactory";

    private ServerBackends() {}

    static ManagedNatsServer start(NatsServerOptions options) {
        return switch (options.backend()) {
            case BINARY -> LocalNatsServer.start(options);
            case CONTAINER -> startContainer(options);
            case AUTO -> startAny(options);
        };
    }

    private static ManagedNatsServer startContainer(NatsServerOptions options) {
        if (!testcontainersPresent()) {
            throw new NatsServerException("The container backend needs Testcontainers, which is not on the class path."
                    + " Add the test dependency " + TESTCONTAINERS_DEPENDENCY
                    + " (version 2.0 or newer), or use the binary backend.");
        }
        return ContainerSupport.start(options);
    }

    /**
     * Starts a binary server when a binary can be resolved, otherwise a container when Docker responds. A binary
     * that is configured explicitly is never replaced by a container, so that a typo in its path is reported.
     */
    private static ManagedNatsServer startAny(NatsServerOptions options) {
        NatsServerBinary binary;
        try {
            binary = NatsServerBinaries.resolve(options.binary().orElse(null), options.version(), options.downloads());
        } catch (NatsServerBinaryNotFoundException e) {
            if (binaryConfigured(options)) {
                throw e;
            }
            Optional<String> containerProblem = containerProblem();
            if (containerProblem.isEmpty()) {
                return ContainerSupport.start(options);
            }
            throw new NatsServerBinaryNotFoundException("No nats-server binary was found and no container can be"
                    + " started, so there is no way to run nats-server.\n"
                    + "Binary: " + e.getMessage() + "\n"
                    + "Container: " + containerProblem.get() + "\n"
                    + "Fix one of the two, or choose a backend explicitly (natskit.server.backend).");
        }
        return LocalNatsServer.start(options, binary);
    }

    private static boolean binaryConfigured(NatsServerOptions options) {
        String property = System.getProperty(NatsServerBinaries.BINARY_PROPERTY);
        String variable = System.getenv(NatsServerBinaries.BINARY_ENVIRONMENT_VARIABLE);
        return options.binary().isPresent()
                || (property != null && !property.isBlank())
                || (variable != null && !variable.isBlank());
    }

    /** Returns why no container can be started, or empty when one can. */
    static Optional<String> containerProblem() {
        if (!testcontainersPresent()) {
            return Optional.of("Testcontainers is not on the class path; add the test dependency "
                    + TESTCONTAINERS_DEPENDENCY + " and run a Docker engine.");
        }
        return ContainerSupport.dockerProblem();
    }

    static boolean testcontainersPresent() {
        try {
            Class.forName(TESTCONTAINERS_CLASS, false, ServerBackends.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
