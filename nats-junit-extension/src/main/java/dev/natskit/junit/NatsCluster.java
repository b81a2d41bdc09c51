package dev.natskit.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests against a real JetStream cluster of nats-server processes, each node on random loopback
 * ports with a JetStream store of its own. Tests start once the meta group has a leader and every node is current
 * with it.
 *
 * <p>On a class, one cluster is shared by all tests of the class, {@code @Nested} classes included, and stopped
 * after the last one; streams stay between tests, so give each test streams of its own. On a test method, the
 * method gets a cluster of its own. The annotation also works as a meta-annotation.
 *
 * <p>Parameters of type {@code io.nats.client.Connection}, {@code JetStream}, {@code JetStreamManagement} and {@link
 * dev.natskit.server.NatsClusterHandle} are injected into test and lifecycle methods. The connection lists every
 * node's URL, so it reconnects to another node when its node goes away, and it pings every second, so it also leaves a
 * paused node after about 3 seconds; each test gets a new one, closed after the test. Do not put this annotation
 * and {@link NatsServer} on one test, since both would inject a {@code Connection}.
 *
 * <pre>{@code
 * @NatsCluster
 * class FailoverTest {
 *     @Test
 *     void survivesLeaderLoss(NatsClusterHandle cluster, JetStreamManagement management) throws Exception {
 *         management.addStream(StreamConfiguration.builder().name("ORDERS").replicas(3).build());
 *         cluster.streamLeader("ORDERS").kill();
 *         cluster.awaitStreamLeader("ORDERS", Duration.ofSeconds(30));
 *     }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(NatsClusterExtension.class)
public @interface NatsCluster {

    /** Number of nodes, at least 2. Default: 3, the smallest cluster that keeps a quorum when it loses a node. */
    int nodes() default 3;

    /**
     * The nats-server version, as in {@link NatsServer#version()}. Default: empty, which means the configuration
     * parameter {@code natskit.server.version}, or any version when that is not set.
     */
    String version() default "";

    /** Lines appended to every node's configuration file, after the ones natskit renders. Default: none. */
    String[] config() default {};

    /**
     * Start deadline of each node, such as {@code "10s"}. Default: empty, which means the configuration parameter
     * {@code natskit.server.start-timeout}, or 10 seconds when that is not set.
     */
    String startTimeout() default "";

    /**
     * How long the cluster may take to elect a meta leader after its nodes started, and how long the step-down
     * methods of the handle wait for a new leader, such as {@code "30s"}. Default: 30 seconds.
     */
    String readyTimeout() default "30s";

    /** Whether every line the nodes print is logged at DEBUG level. Default: {@code false}. */
    boolean logOutput() default false;
}
