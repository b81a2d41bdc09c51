package dev.natskit.tutorial.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsCluster;
import dev.natskit.server.NatsClusterHandle;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener.Events;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

// tag::nats-cluster[]
@DisplayName("20. Clusters")
@Order(20)
@TestMethodOrder(OrderAnnotation.class)
@NatsCluster(nodes = 3)
class ClusterSpec {
    // end::nats-cluster[]

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    @Order(1)
    @DisplayName("a replicated stream survives the loss of its leader with no acknowledged message lost")
    void survivesLeaderLoss(
            NatsClusterHandle cluster, Connection connection, JetStreamManagement management, JetStream jetStream)
            throws Exception {
        // tag::replicated-stream[]
        management.addStream(StreamConfiguration.builder()
                .name("ORDERS")
                .subjects("orders.>")
                .replicas(3)
                .build());
        for (int i = 0; i < 100; i++) {
            PublishAck ack = jetStream.publish("orders.new", ("order-" + i).getBytes(StandardCharsets.UTF_8));
            assertThat(ack.getSeqno()).isEqualTo(i + 1);
        }
        // end::replicated-stream[]

        // tag::kill-leader[]
        NatsServerHandle leader = cluster.streamLeader("ORDERS");
        leader.kill();
        NatsServerHandle next = cluster.awaitNewStreamLeader("ORDERS", leader, Duration.ofSeconds(30));
        // end::kill-leader[]

        // tag::nothing-lost[]
        JetStream patient = connection.jetStream(JetStreamOptions.builder()
                .requestTimeout(Duration.ofSeconds(10))
                .build());
        PublishAck afterFailover = patient.publish("orders.new", "order-100".getBytes(StandardCharsets.UTF_8));
        assertThat(afterFailover.getSeqno()).isEqualTo(101);
        assertThat(management.getStreamInfo("ORDERS").getStreamState().getMsgCount())
                .isEqualTo(101);
        // end::nothing-lost[]
        assertThat(next).isNotEqualTo(leader);

        // tag::restart-node[]
        cluster.restart(leader);
        // end::restart-node[]
        assertThat(leader.isRunning()).isTrue();
    }

    @Test
    @Order(2)
    @DisplayName("a client whose node dies reconnects to another node")
    void reconnectsToAnotherNode(NatsClusterHandle cluster) throws Exception {
        // tag::reconnect[]
        Map<Events, CountDownLatch> seen = new ConcurrentHashMap<>();
        for (Events event : Events.values()) {
            seen.put(event, new CountDownLatch(1));
        }
        Options options = new Options.Builder()
                .servers(cluster.urls().toArray(String[]::new))
                .connectionListener((connection, event) -> seen.get(event).countDown())
                .reconnectWait(Duration.ofMillis(100))
                .maxReconnects(-1)
                .build();
        // end::reconnect[]
        try (Connection connection = Nats.connect(options)) {
            Subscription subscription = connection.subscribe("heartbeat");
            connection.flush(TIMEOUT);
            NatsServerHandle first = nodeAt(cluster, connection.getConnectedUrl());

            first.kill();

            assertThat(seen.get(Events.RECONNECTED).await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("RECONNECTED event within %s of the kill", TIMEOUT)
                    .isTrue();
            assertThat(connection.getConnectedUrl()).isNotEqualTo(first.url());
            connection.publish("heartbeat", "still here".getBytes(StandardCharsets.UTF_8));
            Message message = subscription.nextMessage(TIMEOUT);
            assertThat(message).as("message on heartbeat within %s", TIMEOUT).isNotNull();
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("still here");

            cluster.restart(first);
        }
    }

    @Test
    @Order(3)
    @DisplayName("a queue group spans nodes and still delivers each message once")
    void queueGroupAcrossNodes(NatsClusterHandle cluster) throws Exception {
        List<NatsServerHandle> nodes = cluster.nodes();
        List<Connection> members = new ArrayList<>();
        List<List<String>> handledPerMember = new ArrayList<>();
        List<CountDownLatch> endSeen = new ArrayList<>();
        try (Connection publisher = nodes.get(0).connect()) {
            for (NatsServerHandle node : nodes.subList(1, nodes.size())) {
                List<String> handled = new CopyOnWriteArrayList<>();
                CountDownLatch end = new CountDownLatch(1);
                // tag::queue-across-nodes[]
                Connection member = node.connect();
                Dispatcher dispatcher = member.createDispatcher();
                dispatcher.subscribe("jobs", "workers", message -> handled.add(new String(message.getData(), UTF_8)));
                // end::queue-across-nodes[]
                // One dispatcher handles messages one at a time in arrival order, so the end marker comes last.
                dispatcher.subscribe("jobs.end", message -> end.countDown());
                member.flush(TIMEOUT);
                members.add(member);
                handledPerMember.add(handled);
                endSeen.add(end);
                awaitInterestOnOtherNodes(member, publisher);
            }

            for (int i = 0; i < 200; i++) {
                publisher.publish("jobs", ("job-" + i).getBytes(StandardCharsets.UTF_8));
            }
            // Messages from one publisher reach each member in publish order, so a member that has seen this
            // marker has seen every job the publisher sent it before.
            publisher.publish("jobs.end", null);
            for (CountDownLatch end : endSeen) {
                assertThat(end.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                        .as("end marker within %s", TIMEOUT)
                        .isTrue();
            }

            List<String> received = new ArrayList<>();
            handledPerMember.forEach(received::addAll);
            assertThat(received).as("jobs handled by the group").hasSize(200).doesNotHaveDuplicates();
            // The chance that one of 2 members gets none of 200 messages is 2 * (1/2)^200.
            assertThat(handledPerMember)
                    .as("jobs handled per member")
                    .allSatisfy(handled -> assertThat(handled).isNotEmpty());
        } finally {
            for (Connection member : members) {
                member.close();
            }
        }
    }

    /**
     * Waits until the publisher's node has learned of the member's subscriptions. A node forwards subscriptions to
     * the other nodes over its routes in the order the member made them. So once a request to a subject that the
     * member subscribed after the queue group gets a reply through the publisher's node, that node has the queue
     * group too.
     */
    private static void awaitInterestOnOtherNodes(Connection member, Connection publisher) throws Exception {
        String probe = "probe." + member.getServerInfo().getClientId() + "." + System.nanoTime();
        member.createDispatcher(request -> member.publish(request.getReplyTo(), null))
                .subscribe(probe);
        member.flush(TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (publisher.request(probe, null, Duration.ofSeconds(1)) == null) {
            // A null reply is "no responders" from a node that does not know the probe subscription yet.
            assertThat(System.nanoTime())
                    .as("probe answered within %s", TIMEOUT)
                    .isLessThan(deadline);
        }
    }

    private static NatsServerHandle nodeAt(NatsClusterHandle cluster, String url) {
        return cluster.nodes().stream()
                .filter(node -> node.url().equals(url))
                .findFirst()
                .orElseThrow();
    }
}
