package dev.natskit.server;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.util.List;

/** Deletes every JetStream stream of a server through a control connection of natskit's own. */
final class JetStreamStreams {

    private JetStreamStreams() {}

    static Connection openControlConnection(String url) {
        Options options = new Options.Builder()
                .server(url)
                .connectionName("natskit-control")
                .noReconnect()
                .build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new NatsServerException("failed to connect to nats-server at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NatsServerException("interrupted while connecting to nats-server at " + url, e);
        }
    }

    /** Deletes every stream, and with them every consumer, key-value bucket and object store; returns the count. */
    static int deleteAll(Connection control, String url) {
        try {
            JetStreamManagement management = control.jetStreamManagement();
            List<String> names = management.getStreamNames();
            for (String name : names) {
                management.deleteStream(name);
            }
            return names.size();
        } catch (IOException | JetStreamApiException e) {
            throw new NatsServerException(
                    "failed to delete JetStream streams on " + url + ": " + e.getMessage()
                            + ". The connection that deletes them has no credentials; if the configuration requires"
                            + " authorization, turn the reset off (resetJetStream = false in @NatsServer).",
                    e);
        }
    }
}
