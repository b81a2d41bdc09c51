package dev.natskit.assertions;

import io.nats.client.Message;
import java.util.List;

/** Failure message of {@code receivesNothingMore}: messages arrived after the ones assertions accounted for. */
final class ShouldReceiveNothingMore extends NatsErrorMessage {

    private ShouldReceiveNothingMore(String text) {
        super(text);
    }

    static ShouldReceiveNothingMore shouldReceiveNothingMore(
            MessageRecorder recorder, int checkedCount, List<Message> extra) {
        String more = extra.size() + (extra.size() == 1 ? " more message:" : " more messages:");
        return new ShouldReceiveNothingMore(lines(
                "Expecting subscription:",
                MessageText.INDENT + recorder.describeSubscription(),
                "to receive nothing more than:",
                MessageText.INDENT + MessageText.messages(checkedCount),
                "but received " + more,
                MessageText.numbered(extra, checkedCount + 1)));
    }
}
