package dev.natskit.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** The lines a server printed, bounded in count, with ways to wait for the next line or a line that matches. */
final class ServerLog {

    static final int MAX_LINES = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<String> lines = new ArrayDeque<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long version;
    private long appended;

    void append(String line) {
        lock.lock();
        try {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
            appended++;
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after every new line and signal, on the thread that appends or signals. */
    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Returns the number of lines appended so far, a mark for {@link #awaitLine}. */
    long mark() {
        lock.lock();
        try {
            return appended;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutNanos} for a line appended after {@code mark} that matches {@code condition}, and
     * returns the first one, or empty when none came in time.
     */
    Optional<String> awaitLine(long mark, Predicate<String> condition, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            while (true) {
                long fresh = Math.min(appended - mark, lines.size());
                List<String> recent = new ArrayList<>(lines).subList(lines.size() - (int) fresh, lines.size());
                for (String line : recent) {
                    if (condition.test(line)) {
                        return Optional.of(line);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every thread waiting in {@link #awaitChange(long, long)}, for events other than a new line. */
    void signal() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        listeners.forEach(Runnable::run);
    }

    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeoutNanos} for a line or signal after {@code seenVersion}; returns the new version. */
    long awaitChange(long seenVersion, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (version == seenVersion && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return version;
        } finally {
            lock.unlock();
        }
    }

    List<String> lines() {
        lock.lock();
        try {
            return List.copyOf(new ArrayList<>(lines));
        } finally {
            lock.unlock();
        }
    }

    /** Returns the last {@code count} lines joined by line breaks. */
    String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
