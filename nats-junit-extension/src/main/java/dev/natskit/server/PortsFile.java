package dev.natskit.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the JSON file that nats-server writes into {@code --ports_file_dir} once its listeners are bound.
 *
 * <p>The server writes the file in place, so a reader can see it half written. A file that does not parse yet is
 * treated as absent, and the caller reads it again on the next file event.
 */
final class PortsFile {

    private static final Pattern LIST = Pattern.compile("\"(\\w+)\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final Pattern URL = Pattern.compile("\"([a-z]+://[^\"]+)\"");

    record Ports(List<String> clientUrls, List<String> monitoringUrls, List<String> clusterUrls) {}

    private PortsFile() {}

    static Optional<Ports> read(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            Optional<Path> file = files.filter(
                            path -> path.getFileName().toString().endsWith(".ports"))
                    .findFirst();
            if (file.isEmpty()) {
                return Optional.empty();
            }
            return parse(Files.readString(file.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Ports> parse(String json) {
        String trimmed = json.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return Optional.empty();
        }
        List<String> clients = new ArrayList<>();
        List<String> monitoring = new ArrayList<>();
        List<String> cluster = new ArrayList<>();
        Matcher lists = LIST.matcher(trimmed);
        while (lists.find()) {
            List<String> target = switch (lists.group(1)) {
                case "nats" -> clients;
                case "monitoring" -> monitoring;
                case "cluster" -> cluster;
                default -> null;
            };
            if (target == null) {
                continue;
            }
            Matcher urls = URL.matcher(lists.group(2));
            while (urls.find()) {
                target.add(urls.group(1));
            }
        }
        if (clients.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Ports(List.copyOf(clients), List.copyOf(monitoring), List.copyOf(cluster)));
    }
}
