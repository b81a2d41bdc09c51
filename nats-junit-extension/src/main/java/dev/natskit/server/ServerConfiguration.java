package dev.natskit.server;

import java.util.List;

/** Renders the configuration file that a server is started with. */
final class ServerConfiguration {

    private ServerConfiguration() {}

    /**
     * Renders the configuration. A port of -1 lets the server pick a free one, which is how a server first starts.
     * A restart passes the ports it had, so that clients find it again.
     */
    static String render(
            String serverName,
            int clientPort,
            int monitoringPort,
            boolean jetStream,
            ServerDirectory directory,
            List<String> extraLines) {
        StringBuilder text = new StringBuilder()
                .append("# Rendered by natskit for one test server.\n")
                .append("server_name: ")
                .append(quote(serverName))
                .append('\n')
                .append("listen: ")
                .append(quote("127.0.0.1:" + clientPort))
                .append('\n')
                .append("http: ")
                .append(quote("127.0.0.1:" + monitoringPort))
                .append('\n');
        if (jetStream) {
            text.append("jetstream {\n")
                    .append("  store_dir: ")
                    .append(quote(directory.jetStreamStore().toString()))
                    .append('\n')
                    .append("}\n");
        }
        if (!extraLines.isEmpty()) {
            text.append("# Lines added by the test.\n");
            extraLines.forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
