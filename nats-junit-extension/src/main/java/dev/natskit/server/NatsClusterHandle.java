package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;

/**
 * Controls a running JetStream cluster: its nodes, the leaders of its Raft groups, and fail-over.
 *
 * <p>Every node listens on {@code 127.0.0.1} on ports it picked itself when it first started, and keeps those ports
 * and its JetStream store when it is stopped, killed or restarted, so it rejoins the cluster as the same peer. Kill
 * or pause a node through its own handle from {@link #nodes()}.
 *
 * <p>The lookups ask the cluster at the moment of the call. The {@code await} methods wait until the condition
 * holds, woken by each line that any node logs and at the latest every 250 ms, and raise a
 * {@link NatsServerException} that reports what they last saw when the timeout passes. A leader election after the
 * loss of a leader takes seconds in release builds of nats-server, whose Raft election timeout is 4 to 9 seconds
 * and cannot be set from outside.
 */
public interface NatsClusterHandle {

    /** Returns the cluster name, the same on every node. */
    String name();

    /** Returns the nodes in the order they were started, running or not. */
    List<NatsServerHandle> nodes();

    /**
     * Returns the node with this {@code server_name}, the name JetStream reports for leaders and replicas.
     *
     * @throws IllegalArgumentException if no node has that name
     */
    NatsServerHandle node(String serverName);

    /** Returns the client URLs of all nodes, such as {@code nats://127.0.0.1:40847}. */
    List<String> urls();

    /** Opens a client connection that lists every node's URL. The caller closes it. */
    Connection connect();

    /** Opens a client connection with these options and every node's URL as its servers. The caller closes it. */
    Connection connect(Options.Builder options);

    /**
     * Returns the node that leads the JetStream meta group now.
     *
     * @throws NatsServerException if the cluster has no meta leader at the moment
     */
    NatsServerHandle metaLeader();

    /**
     * Returns the node that leads this stream's Raft group now.
     *
     * @throws NatsServerException if the stream is not found or has no leader at the moment
     */
    NatsServerHandle streamLeader(String stream);

    /**
     * Returns the node that leads this consumer's Raft group now.
     *
     * @throws NatsServerException if the consumer is not found or has no leader at the moment
     */
    NatsServerHandle consumerLeader(String stream, String consumer);

    /**
     * Waits until the meta group has a leader on a running node, and every running node is current with it.
     *
     * @return the meta leader
     * @throws NatsServerException if that does not happen within the timeout
     */
    NatsServerHandle awaitMetaLeader(Duration timeout);

    /**
     * Waits until the meta group has a leader other than {@code previous} on a running node.
     *
     * @return the new meta leader
     * @throws NatsServerException if that does not happen within the timeout
     */
    NatsServerHandle awaitNewMetaLeader(NatsServerHandle previous, Duration timeout);

    /**
     * Waits until this stream has a leader on a running node.
     *
     * @return the stream leader
     * @throws NatsServerException if that does not happen within the timeout
     */
    NatsServerHandle awaitStreamLeader(String stream, Duration timeout);

    /**
     * Waits until this stream has a leader other than {@code previous} on a running node.
     *
     * @return the new stream leader
     * @throws NatsServerException if that does not happen within the timeout
     */
    NatsServerHandle awaitNewStreamLeader(String stream, NatsServerHandle previous, Duration timeout);

    /**
     * Waits until this consumer has a leader other than {@code previous} on a running node.
     *
     * @return the new consumer leader
     * @throws NatsServerException if that does not happen within the timeout
     */
    NatsServerHandle awaitNewConsumerLeader(
            String stream, String consumer, NatsServerHandle previous, Duration timeout);

    /**
     * Requests the meta leader to step down, and waits until another node leads the meta group. nats-server responds
     * to this request only for users of the system account.
     *
     * @return the new meta leader
     * @throws NatsServerException if the request fails or no new leader is elected within the cluster's timeout
     */
    NatsServerHandle stepDownMetaLeader();

    /**
     * Asks this stream's leader to step down, and waits until another node leads the stream.
     *
     * @return the new stream leader
     * @throws NatsServerException if the request fails or no new leader is elected within the cluster's timeout
     */
    NatsServerHandle stepDownStreamLeader(String stream);

    /**
     * Asks this consumer's leader to step down, and waits until another node leads the consumer.
     *
     * @return the new consumer leader
     * @throws NatsServerException if the request fails or no new leader is elected within the cluster's timeout
     */
    NatsServerHandle stepDownConsumerLeader(String stream, String consumer);

    /**
     * Restarts one node with the same ports and JetStream store, and waits until the cluster is ready again: a meta
     * leader, and every node current with it.
     */
    void restart(NatsServerHandle node);

    /**
     * Waits until every node runs, the meta group has a leader, and every node is current with it.
     *
     * @throws NatsServerException if that does not happen within the timeout
     */
    void awaitReady(Duration timeout);
}
