package dev.natskit.server;

/** The way a nats-server runs: as a local process, as a Docker container, or whichever of the two is available. */
public enum ServerBackend {

    /**
     * A local binary when one can be resolved or downloaded; otherwise a container when a Docker engine responds
     * and Testcontainers is on the class path; otherwise an error that explains both ways.
     */
    AUTO,

    /** A local nats-server process; see {@link LocalNatsServer}. */
    BINARY,

    /** A Docker container started through Testcontainers; see {@link ContainerNatsServer}. */
    CONTAINER
}
