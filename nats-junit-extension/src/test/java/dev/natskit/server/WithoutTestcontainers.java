package dev.natskit.server;

/**
 * Runs in a JVM whose class path lacks Testcontainers: starts a binary server, then tries the container backend,
 * and prints the outcome of each on a line of its own.
 */
final class WithoutTestcontainers {

    private WithoutTestcontainers() {}

    public static void main(String[] arguments) {
        NatsServerOptions.Builder options = NatsServerOptions.builder();
        try (ManagedNatsServer server =
                ManagedNatsServer.start(options.backend(ServerBackend.BINARY).build())) {
            System.out.println("binary=" + server.getClass().getSimpleName());
        }
        try {
            ManagedNatsServer.start(options.backend(ServerBackend.CONTAINER).build());
            System.out.println("container=started");
        } catch (NatsServerException e) {
            System.out.println("container=" + e.getMessage());
        }
    }
}
