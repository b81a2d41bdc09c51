package dev.natskit.server;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Whether nats-server releases may be downloaded, and from where.
 *
 * @param enabled {@code false} for offline builds, which then use only configured, installed or cached binaries
 * @param baseUrl the folder that holds one {@code v<version>/} folder per release, as upstream lays them out
 */
public record DownloadSettings(boolean enabled, URI baseUrl) {

    /** Checks the components. */
    public DownloadSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
    }

    /** Returns the defaults: downloads on, from upstream's release folder. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(true, URI.create(NatsServerDownloader.DEFAULT_BASE_URL));
    }

    /** Reads the system properties and then the environment variables, falling back to {@link #defaults()}. */
    public static DownloadSettings fromEnvironment(Map<String, String> environment) {
        String offline = System.getProperty(
                NatsServerBinaries.OFFLINE_PROPERTY, environment.get(NatsServerBinaries.OFFLINE_ENVIRONMENT_VARIABLE));
        String url = System.getProperty(
                NatsServerBinaries.DOWNLOAD_URL_PROPERTY,
                environment.get(NatsServerBinaries.DOWNLOAD_URL_ENVIRONMENT_VARIABLE));
        return new DownloadSettings(
                !Boolean.parseBoolean(offline),
                url == null || url.isBlank() ? URI.create(NatsServerDownloader.DEFAULT_BASE_URL) : URI.create(url));
    }
}
