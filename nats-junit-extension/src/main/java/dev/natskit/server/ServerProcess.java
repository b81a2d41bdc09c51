package dev.natskit.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One launched nats-server process, tied to the life of this JVM.
 *
 * <p>On Unix the server runs under a small {@code sh} supervisor. The supervisor starts the server in the
 * background and reads its own standard input, a pipe from this JVM, until end of file. When the JVM dies, even by
 * SIGKILL, the kernel closes the pipe and the supervisor kills the server. A SIGTERM to the supervisor is passed on
 * to the server, so {@link #stop} shuts the server down cleanly first.
 */
final class ServerProcess {

    // $1 is the binary, the rest its arguments. The reader loop uses the read built-in, so killing the
    // subshell that runs it leaves no process behind.
    private static final String SUPERVISOR = String.join(
            "\n",
            "exec 3<&0",
            "\"$@\" 0</dev/null 3<&- &",
            "server=$!",
            "trap 'kill -TERM \"$server\" 2>/dev/null' TERM INT HUP",
            "{ while read -r _; do :; done; kill -KILL \"$server\" 2>/dev/null; } 0<&3 >/dev/null 2>&1 &",
            "watcher=$!",
            "exec 0</dev/null 3<&-",
            "status=0",
            "while :; do",
            "  wait \"$server\"; status=$?",
            "  kill -0 \"$server\" 2>/dev/null || break",
            "done",
            "kill \"$watcher\" 2>/dev/null",
            "exit \"$status\"");

    private static final boolean WINDOWS =
            System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Process process;
    private final List<String> serverCommand;
    private final Thread outputReader;

    private ServerProcess(Process process, List<String> serverCommand, Thread outputReader) {
        this.process = process;
        this.serverCommand = serverCommand;
        this.outputReader = outputReader;
    }

    static ServerProcess launch(
            Path binary,
            List<String> arguments,
            ServerDirectory directory,
            ServerLog log,
            System.Logger logger,
            boolean logOutput)
            throws IOException {
        List<String> serverCommand = new ArrayList<>();
        serverCommand.add(binary.toString());
        serverCommand.addAll(arguments);
        List<String> command = new ArrayList<>();
        if (!WINDOWS) {
            // NOTE: Windows has no sh supervisor, so a JVM killed hard leaves the server running there. Only the
            // shutdown hook of a JVM that exits normally stops it.
            command.addAll(List.of("sh", "-c", SUPERVISOR, "natskit-supervisor"));
        }
        command.addAll(serverCommand);

        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.root().toFile()).redirectErrorStream(true);
        builder.environment().put("TMPDIR", directory.temporaryFolder().toString());
        Process process = builder.start();
        process.onExit().thenRun(log::signal);

        Thread reader = new Thread(() -> copyOutput(process, log, logger, logOutput), "natskit-nats-server-output");
        reader.setDaemon(true);
        reader.start();
        return new ServerProcess(process, List.copyOf(serverCommand), reader);
    }

    private static void copyOutput(Process process, ServerLog log, System.Logger logger, boolean logOutput) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.append(line);
                if (logOutput) {
                    String printed = line;
                    logger.log(Level.DEBUG, () -> printed);
                }
            }
        } catch (IOException e) {
            logger.log(Level.DEBUG, "stopped reading nats-server output: " + e);
        } finally {
            log.signal();
        }
    }

    /** Returns the nats-server command line, without the supervisor that wraps it. */
    List<String> serverCommand() {
        return serverCommand;
    }

    long pid() {
        return serverHandle().map(ProcessHandle::pid).orElse(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the supervisor, and so the server, has exited, whether stopped, killed or on its own. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Sends a POSIX signal, such as {@code STOP}, {@code CONT}, {@code HUP} or {@code USR2}, to the nats-server
     * process itself rather than to its supervisor, with the {@code kill} command.
     *
     * @throws UnsupportedOperationException on Windows, which has no such signals
     * @throws IOException if the server is gone or {@code kill} fails
     */
    void signal(String name) throws IOException, InterruptedException {
        if (WINDOWS) {
            throw new UnsupportedOperationException(
                    "sending SIG" + name + " to nats-server needs POSIX signals, which Windows does not have");
        }
        ProcessHandle server = serverHandle()
                .orElseThrow(() -> new IOException("the nats-server process has exited, so it cannot get SIG" + name));
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(server.pid()))
                .redirectErrorStream(true)
                .start();
        String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = kill.waitFor();
        if (status != 0) {
            throw new IOException(
                    "kill -s " + name + " " + server.pid() + " exited with code " + status + ": " + output);
        }
    }

    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Sends SIGTERM, waits up to {@code timeoutNanos}, then kills the server and its supervisor. */
    boolean stop(long timeoutNanos) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        // Process.destroy() would also close the supervisor's standard input, which the supervisor takes as the
        // JVM's death, so it would kill the server at once. The handle sends SIGTERM and nothing else.
        process.toHandle().destroy();
        boolean clean = process.waitFor(timeoutNanos, TimeUnit.NANOSECONDS);
        if (!clean) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
            }
        }
        closeInput();
        outputReader.join(TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + 1);
        return clean;
    }

    /**
     * Waits until every line the exited process printed has been copied into the log, which happens when the reader
     * thread sees the end of the output pipe, or until the timeout passes.
     */
    void awaitOutputEnd(Duration timeout) throws InterruptedException {
        outputReader.join(Math.max(1, timeout.toMillis()));
    }

    /** Kills the server and its supervisor at once, as a crash would. */
    void kill() throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
        closeInput();
    }

    private void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The pipe is already closed when the supervisor has exited; nothing is lost.
        }
    }

    private Optional<ProcessHandle> serverHandle() {
        if (WINDOWS) {
            return Optional.of(process.toHandle());
        }
        return process.children()
                .filter(child -> child.info()
                        .command()
                        .map(name -> name.endsWith("nats-server") || name.endsWith("nats-server.exe"))
                        .orElse(false))
                .findFirst();
    }
}
