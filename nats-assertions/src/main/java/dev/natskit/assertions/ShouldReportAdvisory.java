package dev.natskit.assertions;

import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Failure message of {@link AdvisoryAssert}: the expected advisory did not arrive before the deadline. */
final class ShouldReportAdvisory extends NatsErrorMessage {

    private ShouldReportAdvisory(String text) {
        super(text);
    }

    static ShouldReportAdvisory shouldReport(
            AdvisoryRecorder advisories, String kind, long streamSequence, Duration timeout, List<Message> received) {
        return new ShouldReportAdvisory(lines(
                "Expecting consumer:",
                MessageText.INDENT + JetStreamText.consumer(advisories.stream(), advisories.consumer()),
                "to send a " + kind + " advisory for:",
                MessageText.INDENT + "stream sequence " + streamSequence + " within " + MessageText.duration(timeout),
                evidence(received)));
    }

    private static String evidence(List<Message> received) {
        if (received.isEmpty()) {
            return "but it sent no advisories";
        }
        List<String> lines = new ArrayList<>();
        lines.add("but it sent " + received.size() + (received.size() == 1 ? " advisory:" : " advisories:"));
        for (int i = 0; i < received.size(); i++) {
            lines.add(MessageText.INDENT + "#" + (i + 1) + " "
                    + Advisory.of(received.get(i)).describe());
        }
        return String.join("\n", lines);
    }
}
