package dev.natskit.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that serves nats-server releases in upstream's layout, built from a real binary, and counts
 * the requests for each path. Tests break it on purpose: wrong checksums, missing files, cut-off bodies.
 */
final class ReleaseMirror implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> truncatedTo = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    ReleaseMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/releases/", this::serve);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/releases");
    }

    /** Publishes {@code archive} as the release of {@code version} for {@code platform}, with a matching SHA256SUMS. */
    void publish(String version, String platform, byte[] archive) throws Exception {
        String archiveName = archiveName(version, platform);
        put(version, archiveName, archive);
        putSums(version, archiveName, sha256(archive));
    }

    void put(String version, String name, byte[] content) {
        files.put("/releases/v" + version + "/" + name, content);
    }

    void putSums(String version, String archiveName, String digest) {
        String sums =
                digest + "  " + archiveName + "\n" + "0".repeat(64) + "  nats-server-v" + version + "-other.zip\n";
        put(version, "SHA256SUMS", sums.getBytes(StandardCharsets.UTF_8));
    }

    /** Makes the server announce the full length of {@code name} but send only its first {@code bytes}. */
    void truncate(String version, String name, int bytes) {
        truncatedTo.put("/releases/v" + version + "/" + name, bytes);
    }

    int requestsFor(String version, String name) {
        AtomicInteger count = requests.get("/releases/v" + version + "/" + name);
        return count == null ? 0 : count.get();
    }

    static String archiveName(String version, String platform) {
        return "nats-server-v" + version + "-" + platform + ".tar.gz";
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
        byte[] content = files.get(path);
        try (exchange) {
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(content, 0, truncatedTo.getOrDefault(path, content.length));
            } catch (IOException e) {
                // The client may give up on a cut-off body first; that is the point of the truncation.
            }
        }
    }

    /** Packs {@code binary} the way upstream does: a .tar.gz holding one folder with the binary and a README. */
    static byte[] tarGz(String version, String platform, Path binary, Path workFolder) throws Exception {
        String folder = "nats-server-v" + version + "-" + platform;
        Path root =
                Files.createDirectories(workFolder.resolve("release-" + version).resolve(folder));
        Files.copy(binary, root.resolve("nats-server"));
        Files.writeString(root.resolve("README.md"), "nats-server " + version + "\n");
        Path archive = workFolder.resolve(archiveName(version, platform));
        Process tar = new ProcessBuilder(
                        "tar",
                        "-czf",
                        archive.toString(),
                        "-C",
                        root.getParent().toString(),
                        folder)
                .inheritIO()
                .start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed with exit code " + tar.exitValue());
        }
        return Files.readAllBytes(archive);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
