/**
 * Starts and controls real nats-server processes for tests, with no dependency on JUnit.
 *
 * <p>{@link dev.natskit.server.LocalNatsServer#start(NatsServerOptions)} starts a server on a loopback port that
 * the server picks itself, with a private directory for its configuration, JetStream store and ports file. The
 * returned {@link dev.natskit.server.NatsServerHandle} connects clients, stops, starts and restarts the server, and
 * keeps its captured log. Closing the server stops the process and deletes its directory.
 * {@link dev.natskit.server.LocalNatsCluster} starts a JetStream cluster of such servers, controlled through
 * {@link dev.natskit.server.NatsClusterHandle}.
 */
package dev.natskit.server;
