package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on received messages, in arrival order. {@link MessageRecorderAssert#receives(int)} and
 * {@link MessageRecorderAssert#hasReceived(int)} return one. Data is compared as UTF-8 text.
 */
public class ReceivedMessagesAssert extends AbstractAssert<ReceivedMessagesAssert, List<Message>> {

    protected ReceivedMessagesAssert(List<Message> actual) {
        super(List.copyOf(actual), ReceivedMessagesAssert.class);
    }

    /**
     * Checks the exact subjects of the messages, in arrival order.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withSubjects("orders.created", "orders.paid");
     * }</pre>
     */
    public ReceivedMessagesAssert withSubjects(String... subjects) {
        MessagesChecker.hasSubjects(info, actual, subjects);
        return myself;
    }

    /**
     * Checks the data of the messages as UTF-8 text, in arrival order.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withData("order-1", "order-2");
     * }</pre>
     */
    public ReceivedMessagesAssert withData(String... data) {
        MessagesChecker.hasData(info, actual, data);
        return myself;
    }

    /**
     * Checks the data of the messages as UTF-8 text, in any order: each expected value matches one message, and
     * no message is left over.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withDataInAnyOrder("order-2", "order-1");
     * }</pre>
     */
    public ReceivedMessagesAssert withDataInAnyOrder(String... data) {
        MessagesChecker.hasDataInAnyOrder(info, actual, data);
        return myself;
    }

    /**
     * Checks that every message has the header with this value among its values. Header keys are case-sensitive.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).withHeader("tenant", "acme");
     * }</pre>
     */
    public ReceivedMessagesAssert withHeader(String key, String value) {
        MessagesChecker.eachHasHeader(info, actual, key, value);
        return myself;
    }

    /**
     * Returns an assertion on one message, by its 0-based index in arrival order.
     *
     * <pre>{@code
     * assertThat(recorder).receives(2).message(1).hasData("order-2");
     * }</pre>
     *
     * @throws IndexOutOfBoundsException if there is no message at that index
     */
    public MessageAssert message(int index) {
        return new MessageAssert(actual.get(index));
    }
}
