package dev.natskit.junit;

import dev.natskit.server.ManagedNatsServer;
import java.util.concurrent.Semaphore;

/**
 * A started server in the extension's store. JUnit closes it when the scope that started it ends: the class for a
 * class-scoped server, the test for a method-scoped one.
 */
final class ServerResource implements AutoCloseable {

    private final ManagedNatsServer server;
    private final boolean classScoped;
    private final boolean resetJetStream;
    // Tests that share a server that is reset after each test take turns, so one test's reset never deletes the
    // streams of another test that runs at the same time.
    private final Semaphore turn = new Semaphore(1, true);

    ServerResource(ManagedNatsServer server, boolean classScoped, boolean resetJetStream) {
        this.server = server;
        this.classScoped = classScoped;
        this.resetJetStream = resetJetStream;
    }

    ManagedNatsServer server() {
        return server;
    }

    boolean classScoped() {
        return classScoped;
    }

    boolean resetsBetweenTests() {
        return classScoped && resetJetStream && server.jetStreamEnabled();
    }

    void awaitTurn() throws InterruptedException {
        turn.acquire();
    }

    void endTurn() {
        turn.release();
    }

    @Override
    public void close() {
        server.close();
    }
}
