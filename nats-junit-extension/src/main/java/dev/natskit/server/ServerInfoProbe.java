package dev.natskit.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the INFO line a nats-server sends to every client as soon as it connects, before any authentication, so
 * it works whatever authorization the configuration sets up.
 */
final class ServerInfoProbe {

    private static final int MAX_LINE_BYTES = 64 * 1024;
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern JETSTREAM = Pattern.compile("\"jetstream\"\\s*:\\s*true");

    record Info(String version, boolean jetStream, String line) {}

    private ServerInfoProbe() {}

    static Info read(String host, int port, int timeoutMillis) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            String line = readLine(socket.getInputStream());
            if (!line.startsWith("INFO ")) {
                throw new IOException("expected an INFO line from 127.0.0.1:" + port + ", but read \"" + line + "\"");
            }
            Matcher version = VERSION.matcher(line);
            if (!version.find()) {
                throw new IOException("the INFO line from port " + port + " names no version: " + line);
            }
            return new Info(version.group(1), JETSTREAM.matcher(line).find(), line);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_LINE_BYTES];
        int length = 0;
        while (length < buffer.length) {
            int next = in.read();
            if (next < 0 || next == '\n') {
                break;
            }
            buffer[length++] = (byte) next;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8).strip();
    }
}
