package dev.natskit.benchmarks;

import dev.natskit.server.LocalNatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 2: getting an empty server for the next test. natskit deletes every stream of a shared server, which is
 * what {@code @NatsServer} does between the tests of a class; the peer stops the server and starts a new one.
 * Both start from a server that contains the given number of file-backed streams, and creating them is not timed.
 */
final class ResetFigure {

    static final String TITLE = "2. reset between tests";

    private final BenchmarkEnvironment environment;

    ResetFigure(BenchmarkEnvironment environment) {
        this.environment = environment;
    }

    List<Row> run(Settings settings) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int streams : new int[] {0, 10, 100}) {
            try (LocalNatsServer shared =
                    LocalNatsServer.start(environment.serverOptions().build())) {
                String title = TITLE + ", " + streams + " streams";
                rows.addAll(new Comparison(title, "ms")
                        .subject("natskit deleteJetStreamData()", () -> reset(shared, streams))
                        .peer("fresh server per test (stop, start)", () -> restartFresh(streams))
                        .run(settings.orQuick(2, 10)));
            }
        }
        return rows;
    }

    private static double reset(LocalNatsServer shared, int streams) throws Exception {
        createStreams(shared, streams);
        long started = System.nanoTime();
        shared.deleteJetStreamData();
        return Timing.millisSince(started);
    }

    private double restartFresh(int streams) throws Exception {
        LocalNatsServer used = LocalNatsServer.start(environment.serverOptions().build());
        try {
            createStreams(used, streams);
        } catch (Exception e) {
            used.close();
            throw e;
        }
        long started = System.nanoTime();
        used.close();
        LocalNatsServer fresh =
                LocalNatsServer.start(environment.serverOptions().build());
        double millis = Timing.millisSince(started);
        fresh.close();
        return millis;
    }

    private static void createStreams(LocalNatsServer server, int streams) throws Exception {
        try (Connection connection = server.connect()) {
            JetStreamManagement management = connection.jetStreamManagement();
            for (int i = 0; i < streams; i++) {
                management.addStream(StreamConfiguration.builder()
                        .name("bench-" + i)
                        .subjects("bench." + i + ".>")
                        .build());
            }
        }
    }
}
