package dev.natskit.server;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the servers still open when the JVM exits normally, so their directories and containers are deleted too. A
 * JVM killed with SIGKILL runs no hook: its binary servers still die with it through their supervisor, and the next
 * JVM that starts a server in the same base directory deletes the directories it left. Its containers are removed
 * by Testcontainers' Ryuk container where that runs.
 */
final class ShutdownCleanup {

    private static final Set<ManagedNatsServer> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SWEPT_BASES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> OPEN.forEach(ManagedNatsServer::close), "natskit-shutdown-cleanup"));
    }

    private ShutdownCleanup() {}

    static void register(ManagedNatsServer server) {
        OPEN.add(server);
    }

    static void unregister(ManagedNatsServer server) {
        OPEN.remove(server);
    }

    /** Deletes the directories that killed JVMs left under {@code base}, once per base directory and JVM. */
    static void deleteAbandonedOnce(Path base) {
        if (SWEPT_BASES.add(base.toAbsolutePath().normalize())) {
            int deleted = ServerDirectory.deleteAbandoned(base);
            if (deleted > 0) {
                System.getLogger(LocalNatsServer.class.getName())
                        .log(
                                Level.INFO,
                                () -> "deleted " + deleted + " nats-server directories that killed JVMs left in "
                                        + base);
            }
        }
    }
}
