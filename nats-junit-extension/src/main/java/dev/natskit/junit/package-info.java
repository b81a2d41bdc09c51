/**
 * JUnit Jupiter support: {@link dev.natskit.junit.NatsServer} starts a real nats-server for a test class or method
 * and injects {@code Connection}, {@code JetStream}, {@code JetStreamManagement} and
 * {@link dev.natskit.server.NatsServerHandle} into parameters and {@link dev.natskit.junit.InjectNats} fields.
 * {@link dev.natskit.junit.NatsCluster} does the same for a JetStream cluster, and injects a
 * {@link dev.natskit.server.NatsClusterHandle}.
 *
 * <p>Configuration parameters, set in {@code junit-platform.properties} or as system properties:
 *
 * <ul>
 *   <li>{@code natskit.server.backend}: {@code binary}, {@code container} or {@code auto} (the default), for every
 *       {@code @NatsServer} whose {@code backend} is left at {@code AUTO};
 *   <li>{@code natskit.server.image}: the Docker image containers run; default {@code nats:<version>} for the
 *       requested version, or {@code nats:2.10.27};
 *   <li>{@code natskit.server.version}: the nats-server version, exact or a prefix such as {@code 2.10};
 *   <li>{@code natskit.server.binary}: path of the nats-server binary; by default the environment variable
 *       {@code NATSKIT_SERVER_BINARY}, then the {@code PATH}, then natskit's cache;
 *   <li>{@code natskit.server.start-timeout}: start deadline such as {@code 10s}, {@code 500ms} or {@code PT10S};
 *       default 10 seconds;
 *   <li>{@code natskit.server.log-output}: {@code true} logs every line a server prints at DEBUG level; default
 *       {@code false}.
 * </ul>
 */
package dev.natskit.junit;
