package dev.natskit.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings for one nats-server started by {@link ManagedNatsServer#start(NatsServerOptions)}, {@link LocalNatsServer}
 * or {@link ContainerNatsServer}. Instances are immutable; create them with {@link #builder()}.
 */
public final class NatsServerOptions {

    /** Start deadline used when none is set: the time from launching the process to accepting clients. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);

    /** Maximum start or stop timeout, because a longer one is almost certainly a unit mistake. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** Time a server gets to shut down after SIGTERM before it is killed, when none is set. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Version of the {@code nats} image a container runs when no version and no image is set. Pinned rather than
     * {@code latest}, so that a test run does not change when a new release is published.
     */
    public static final String DEFAULT_CONTAINER_VERSION = "2.10.27";

    private final ServerBackend backend;
    private final String image;
    private final Path binary;
    private final VersionRequest version;
    private final DownloadSettings downloads;
    private final boolean jetStream;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final List<String> configLines;
    private final Path baseDirectory;
    private final boolean logOutput;

    private NatsServerOptions(Builder builder) {
        this.backend = builder.backend;
        this.image = builder.image;
        this.binary = builder.binary;
        this.version = builder.version;
        this.downloads = builder.downloads;
        this.jetStream = builder.jetStream;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.configLines = List.copyOf(builder.configLines);
        this.baseDirectory = builder.baseDirectory;
        this.logOutput = builder.logOutput;
    }

    /**
     * Creates a builder with the defaults: any version, JetStream on, binary resolved by {@link NatsServerBinaries},
     * downloads configured by system properties and environment variables.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the default options. */
    public static NatsServerOptions defaults() {
        return builder().build();
    }

    /** Returns a builder that starts with these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.backend = backend;
        builder.image = image;
        builder.binary = binary;
        builder.version = version;
        builder.downloads = downloads;
        builder.jetStream = jetStream;
        builder.startTimeout = startTimeout;
        builder.stopTimeout = stopTimeout;
        builder.configLines.addAll(configLines);
        builder.baseDirectory = baseDirectory;
        builder.logOutput = logOutput;
        return builder;
    }

    /** Returns the backend that runs the server; {@link ServerBackend#AUTO} unless set. */
    public ServerBackend backend() {
        return backend;
    }

    /**
     * The Docker image a container runs: the one set explicitly, otherwise {@code nats:<version>} for the requested
     * version or prefix, otherwise {@code nats:}{@value #DEFAULT_CONTAINER_VERSION}.
     */
    public String image() {
        if (image != null) {
            return image;
        }
        return "nats:" + (version.isAny() ? DEFAULT_CONTAINER_VERSION : version.toString());
    }

    /** Returns the binary set explicitly, or empty to resolve it with {@link NatsServerBinaries#resolve(Path)}. */
    public Optional<Path> binary() {
        return Optional.ofNullable(binary);
    }

    /** The version the binary must have; {@link VersionRequest#any()} unless set. */
    public VersionRequest version() {
        return version;
    }

    /** Whether and from where a missing version may be downloaded. */
    public DownloadSettings downloads() {
        return downloads;
    }

    /** Returns whether JetStream is enabled. */
    public boolean jetStream() {
        return jetStream;
    }

    /** Deadline for the server to accept clients after its process is launched. */
    public Duration startTimeout() {
        return startTimeout;
    }

    /** Time the server gets to shut down after SIGTERM before it is killed. */
    public Duration stopTimeout() {
        return stopTimeout;
    }

    /** Extra lines appended to the rendered configuration file, never null. */
    public List<String> configLines() {
        return configLines;
    }

    /** Folder that contains the servers' private directories, or empty for {@code java.io.tmpdir}. */
    public Optional<Path> baseDirectory() {
        return Optional.ofNullable(baseDirectory);
    }

    /** Returns whether every line the server prints is also logged at DEBUG level, besides being captured. */
    public boolean logOutput() {
        return logOutput;
    }

    @Override
    public String toString() {
        return "NatsServerOptions[backend=" + backend + ", image=" + image() + ", binary=" + binary + ", version="
                + version + ", jetStream=" + jetStream
                + ", startTimeout=" + startTimeout
                + ", stopTimeout=" + stopTimeout + ", configLines=" + configLines + ", baseDirectory=" + baseDirectory
                + ", logOutput=" + logOutput + "]";
    }

    /** Builder of {@link NatsServerOptions}, in the unprefixed style of the jnats builders. */
    public static final class Builder {
        private ServerBackend backend = ServerBackend.AUTO;
        private String image;
        private Path binary;
        private VersionRequest version = VersionRequest.any();
        private DownloadSettings downloads = DownloadSettings.fromEnvironment(System.getenv());
        private boolean jetStream = true;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private final List<String> configLines = new ArrayList<>();
        private Path baseDirectory;
        private boolean logOutput;

        private Builder() {}

        /** Sets the backend that runs the server; the default is {@link ServerBackend#AUTO}. */
        public Builder backend(ServerBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * Sets the Docker image a container runs, such as {@code registry.example.com/mirror/nats:2.10.27}; {@code
         * null} or blank restores the default {@code nats:<version>}. The image must start nats-server as its
         * entrypoint and accept its command-line options, as the official {@code nats} image does.
         */
        public Builder image(String image) {
            this.image = image == null || image.isBlank() ? null : image.strip();
            return this;
        }

        /** Sets the nats-server binary to run; {@code null} resolves it with {@link NatsServerBinaries}. */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        /**
         * Requests a version: exact such as {@code "2.10.27"}, a prefix such as {@code "2.10"} for the newest
         * matching one in the cache, or empty for any.
         *
         * @throws IllegalArgumentException if the text is not a version or prefix
         */
        public Builder version(String version) {
            this.version = VersionRequest.parse(Objects.requireNonNull(version, "version"));
            return this;
        }

        /** Sets whether and from where missing versions are downloaded; by default from system properties. */
        public Builder downloads(DownloadSettings downloads) {
            this.downloads = Objects.requireNonNull(downloads, "downloads");
            return this;
        }

        /** Enables or disables JetStream; it is enabled by default. */
        public Builder jetStream(boolean jetStream) {
            this.jetStream = jetStream;
            return this;
        }

        /**
         * Sets the start deadline, from 1 ns to {@link #MAX_TIMEOUT}; the default is {@link #DEFAULT_START_TIMEOUT}.
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = requirePositive(startTimeout, "startTimeout");
            return this;
        }

        /** Sets how long a stopping server may take before it is killed, up to 1 hour; the default is 10 seconds. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = requirePositive(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Appends lines to the server's configuration file, after the ones natskit renders. A line may override a
         * rendered setting, since nats-server takes the last value of a key.
         */
        public Builder configLines(List<String> lines) {
            Objects.requireNonNull(lines, "lines");
            lines.forEach(line -> configLines.add(Objects.requireNonNull(line, "a configuration line is null")));
            return this;
        }

        /** Appends one line to the server's configuration file; see {@link #configLines(List)}. */
        public Builder configLine(String line) {
            return configLines(List.of(line));
        }

        /** Sets the folder that contains the servers' private directories; the default is {@code java.io.tmpdir}. */
        public Builder baseDirectory(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
            return this;
        }

        /** Logs every line the server prints at DEBUG level; it is off by default, and the log is captured anyway. */
        public Builder logOutput(boolean logOutput) {
            this.logOutput = logOutput;
            return this;
        }

        /** Builds the options. */
        public NatsServerOptions build() {
            return new NatsServerOptions(this);
        }

        private static Duration requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, but was " + duration);
            }
            if (duration.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_TIMEOUT + ", but was " + duration);
            }
            return duration;
        }
    }
}
