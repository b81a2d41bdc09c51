package dev.natskit.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The lines a server printed, bounded in count, with a way to wait for the next line. */
final class ServerLog {

    static final int MAX_LINES = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<String> lines = new ArrayDeque<>();
    private long version;

    void append(String line) {
        lock.lock();
        try {
            if (lines.size() == MAX_LINES) {
                lines.removeFirst();
            }
            lines.addLast(line);
            version++;
            changed.signalAll();
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
