package dev.natskit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts a server in a separate JVM, prints its process id and blocks, so a test can kill that JVM. */
final class ServerInChildJvm {

    private ServerInChildJvm() {}

    public static void main(String[] arguments) throws Exception {
        LocalNatsServer server = LocalNatsServer.start(NatsServerOptions.defaults());
        System.out.println("pid=" + server.pid().orElseThrow());
        System.out.flush();
        // Block until the parent kills this JVM; the server is never closed here on purpose.
        System.in.read();
    }

    /** Reads the child's output until the line with the pid, or fails after the timeout with what it printed. */
    static String readPidLine(Process child, Duration timeout) throws Exception {
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> pidLine = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = reader.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith("pid=")) {
                        return line;
                    }
                }
                throw new IllegalStateException("the child JVM ended without printing its pid:\n" + output);
            } catch (IOException e) {
                throw new IllegalStateException("reading the child JVM's output failed:\n" + output, e);
            }
        });
        return pidLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
