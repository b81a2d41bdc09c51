package dev.natskit.server;

import java.net.URI;
import java.nio.file.Path;

/** Downloads one version in a separate JVM, so a test can race two JVMs for the same cache entry. */
final class DownloadInChildJvm {

    private DownloadInChildJvm() {}

    /** Arguments: base URL, cache folder, platform, version. Prints the binary's path. */
    public static void main(String[] arguments) {
        NatsServerDownloader downloader =
                new NatsServerDownloader(URI.create(arguments[0]), Path.of(arguments[1]), arguments[2]);
        System.out.println(downloader.download(ServerVersion.parse(arguments[3])));
    }
}
