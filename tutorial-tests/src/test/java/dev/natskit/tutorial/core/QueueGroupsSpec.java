package dev.natskit.tutorial.core;

import static dev.natskit.tutorial.core.Deliveries.TIMEOUT;
import static dev.natskit.tutorial.core.Deliveries.data;
import static dev.natskit.tutorial.core.Deliveries.drain;
import static dev.natskit.tutorial.core.Deliveries.settle;
import static dev.natskit.tutorial.core.Deliveries.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@DisplayName("3. Queue groups")
@Order(3)
@TestMethodOrder(OrderAnnotation.class)
@NatsServer(jetStream = false)
class QueueGroupsSpec {

    private static final int MEMBERS = 3;

    @Test
    @Order(1)
    @DisplayName("each message goes to exactly one member of the group")
    void deliversToOneMember(Connection publisher, NatsServerHandle server) throws Exception {
        List<Connection> connections = new ArrayList<>();
        try {
            List<Subscription> members = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                Connection member = server.connect();
                connections.add(member);
                // tag::queue-subscribe[]
                Subscription subscription = member.subscribe("jobs", "workers");
                member.flush(Duration.ofSeconds(1));
                // end::queue-subscribe[]
                members.add(subscription);
            }

            List<String> jobs = jobs(30);
            for (String job : jobs) {
                publisher.publish("jobs", data(job));
            }

            List<String> received = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                drain(members.get(i), connections.get(i), publisher).forEach(message -> received.add(text(message)));
            }
            assertThat(received).as("jobs received by all members together").hasSameSizeAs(jobs);
            assertThat(received).as("jobs received by all members together").containsExactlyInAnyOrderElementsOf(jobs);
        } finally {
            closeAll(connections);
        }
    }

    @Test
    @Order(2)
    @DisplayName("the server spreads the messages over all members, at random")
    void spreadsLoad(Connection connection, NatsServerHandle server) throws Exception {
        int messageCount = 300;
        CountDownLatch allHandled = new CountDownLatch(messageCount);
        List<AtomicInteger> handledPerMember = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            AtomicInteger handled = new AtomicInteger();
            handledPerMember.add(handled);
            // tag::queue-dispatcher[]
            Dispatcher member = connection.createDispatcher();
            member.subscribe("jobs", "workers", message -> {
                handled.incrementAndGet();
                allHandled.countDown();
            });
            // end::queue-dispatcher[]
        }
        connection.flush(TIMEOUT);

        try (Connection publisher = server.connect()) {
            for (String job : jobs(messageCount)) {
                publisher.publish("jobs", data(job));
            }
            assertThat(allHandled.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("all %d jobs handled within %s", messageCount, TIMEOUT)
                    .isTrue();
            settle(publisher, connection);
        }

        // The server picks a member at random for each message, not in turn, so the shares differ from run to
        // run. The chance that one of 3 members gets none of 300 messages is 3 * (2/3)^300, below 1 in 10^52.
        List<Integer> shares = handledPerMember.stream().map(AtomicInteger::get).toList();
        assertThat(shares)
                .as("jobs handled per member")
                .allSatisfy(share -> assertThat(share).isPositive());
        assertThat(shares.stream().mapToInt(Integer::intValue).sum())
                .as("jobs handled by all members together")
                .isEqualTo(messageCount);
    }

    @Test
    @Order(3)
    @DisplayName("a plain subscriber beside the group still gets every message")
    void plainSubscriberGetsEverything(Connection publisher, NatsServerHandle server) throws Exception {
        try (Connection workerOne = server.connect();
                Connection workerTwo = server.connect();
                Connection auditor = server.connect()) {
            Subscription memberOne = workerOne.subscribe("jobs", "workers");
            Subscription memberTwo = workerTwo.subscribe("jobs", "workers");
            // tag::plain-beside-group[]
            Subscription audit = auditor.subscribe("jobs");
            // end::plain-beside-group[]
            workerOne.flush(TIMEOUT);
            workerTwo.flush(TIMEOUT);
            auditor.flush(TIMEOUT);

            List<String> jobs = jobs(20);
            for (String job : jobs) {
                publisher.publish("jobs", data(job));
            }

            assertThat(textsOf(drain(audit, auditor, publisher)))
                    .as("jobs received by the plain subscriber")
                    .containsExactlyElementsOf(jobs);
            List<String> groupReceived = new ArrayList<>(textsOf(drain(memberOne, workerOne, publisher)));
            groupReceived.addAll(textsOf(drain(memberTwo, workerTwo, publisher)));
            assertThat(groupReceived).as("jobs received by the queue group").containsExactlyInAnyOrderElementsOf(jobs);
        }
    }

    @Test
    @Order(4)
    @DisplayName("each member sees its messages in publish order, but the group as a whole keeps no order")
    void keepsOrderWithinMemberOnly(Connection publisher, NatsServerHandle server) throws Exception {
        try (Connection workerOne = server.connect();
                Connection workerTwo = server.connect()) {
            Subscription memberOne = workerOne.subscribe("jobs", "workers");
            Subscription memberTwo = workerTwo.subscribe("jobs", "workers");
            workerOne.flush(TIMEOUT);
            workerTwo.flush(TIMEOUT);

            List<String> jobs = jobs(50);
            for (String job : jobs) {
                publisher.publish("jobs", data(job));
            }
            List<String> seenByOne = textsOf(drain(memberOne, workerOne, publisher));
            List<String> seenByTwo = textsOf(drain(memberTwo, workerTwo, publisher));

            // One publisher's messages reach each member in publish order. Which member handles a job first,
            // across members, depends only on their threads, so the group as a whole gives no order to rely on.
            assertThat(seenByOne).as("jobs of member one").isSortedAccordingTo(QueueGroupsSpec::compareJobs);
            assertThat(seenByTwo).as("jobs of member two").isSortedAccordingTo(QueueGroupsSpec::compareJobs);
            assertThat(seenByOne.size() + seenByTwo.size())
                    .as("jobs received by the group")
                    .isEqualTo(jobs.size());
        }
    }

    /** Returns job names {@code job-0} to {@code job-(count - 1)}, in that order. */
    private static List<String> jobs(int count) {
        return IntStream.range(0, count).mapToObj(i -> "job-" + i).toList();
    }

    private static int compareJobs(String left, String right) {
        return Integer.compare(jobNumber(left), jobNumber(right));
    }

    private static int jobNumber(String job) {
        return Integer.parseInt(job.substring("job-".length()));
    }

    private static List<String> textsOf(List<Message> messages) {
        return messages.stream().map(Deliveries::text).toList();
    }

    private static void closeAll(List<Connection> connections) throws InterruptedException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
