package dev.natskit.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the servers still open when the JVM exits normally, so their directories are deleted too. A JVM killed
 * with SIGKILL runs no hook; its servers still die with it through their supervisor, but their directories stay.
 */
final class ShutdownCleanup {

    private static final Set<LocalNatsServer> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> OPEN.forEach(LocalNatsServer::close), "natskit-shutdown-cleanup"));
    }

    private ShutdownCleanup() {}

    static void register(LocalNatsServer server) {
        OPEN.add(server);
    }

    static void unregister(LocalNatsServer server) {
        OPEN.remove(server);
    }
}
