package dev.natskit.tutorial.core;

import static dev.natskit.assertions.NatsAssertions.assertThat;
import static dev.natskit.tutorial.core.MessageData.data;
import static dev.natskit.tutorial.core.MessageData.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.natskit.assertions.MessageRecorder;
import dev.natskit.assertions.NatsAssertions;
import dev.natskit.assertions.QueueGroupRecorder;
import dev.natskit.junit.NatsServer;
import dev.natskit.server.NatsServerHandle;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    /** Deadline for every wait in this specification; a passing run never waits this long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final int MEMBERS = 3;

    @Test
    @Order(1)
    @DisplayName("each message goes to exactly one member of the group")
    void deliversToOneMember(Connection connection, NatsServerHandle server) throws Exception {
        try (Connection publisher = server.connect();
                QueueGroupRecorder group = NatsAssertions.recordQueueGroup(connection, "jobs", "workers", MEMBERS)) {
            for (String job : jobs(30)) {
                publisher.publish("jobs", data(job));
            }

            // Each job has distinct data, so a job that reached two members, or one member twice, shows up.
            assertThat(group).deliversEachMessageOnce(30);
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
            publisher.flush(TIMEOUT);
            connection.flush(TIMEOUT);
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
        try (Connection workers = server.connect();
                Connection auditor = server.connect();
                QueueGroupRecorder group = NatsAssertions.recordQueueGroup(workers, "jobs", "workers", 2)) {
            // tag::plain-beside-group[]
            MessageRecorder audit = NatsAssertions.record(auditor, "jobs");
            // end::plain-beside-group[]

            List<String> jobs = jobs(20);
            for (String job : jobs) {
                publisher.publish("jobs", data(job));
            }

            assertThat(audit).receives(jobs.size()).withData(jobs.toArray(String[]::new));
            assertThat(audit).receivesNothingMore(publisher);
            assertThat(group).deliversEachMessageOnce(jobs.size());
        }
    }

    @Test
    @Order(4)
    @DisplayName("each member sees its messages in publish order, but the group as a whole keeps no order")
    void keepsOrderWithinMemberOnly(Connection publisher, NatsServerHandle server) throws Exception {
        try (Connection workerOne = server.connect();
                Connection workerTwo = server.connect()) {
            List<Subscription> members = new ArrayList<>();
            for (Connection member : List.of(workerOne, workerTwo)) {
                // tag::queue-subscribe[]
                Subscription subscription = member.subscribe("jobs", "workers");
                member.flush(Duration.ofSeconds(1));
                // end::queue-subscribe[]
                members.add(subscription);
            }

            List<String> jobs = jobs(50);
            for (String job : jobs) {
                publisher.publish("jobs", data(job));
            }
            List<String> seenByOne = receivedSoFar(members.get(0), workerOne, publisher);
            List<String> seenByTwo = receivedSoFar(members.get(1), workerTwo, publisher);

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

    /**
     * Returns the data of every message that reached a synchronous subscription once the publisher's messages were
     * routed. The publisher's flush returns once the server has queued its messages for each subscriber, and the
     * subscriber's flush returns after the server's reply, which follows those messages on the same connection.
     */
    private static List<String> receivedSoFar(Subscription subscription, Connection subscriber, Connection publisher)
            throws TimeoutException, InterruptedException {
        publisher.flush(TIMEOUT);
        subscriber.flush(TIMEOUT);
        List<String> received = new ArrayList<>();
        while (subscription.getPendingMessageCount() > 0) {
            received.add(text(subscription.nextMessage(TIMEOUT)));
        }
        return received;
    }
}
