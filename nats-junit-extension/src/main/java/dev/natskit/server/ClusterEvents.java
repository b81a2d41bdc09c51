package dev.natskit.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counter of what happened in a cluster, raised by every line any node logs and every change of a node's process,
 * so that waits on the cluster's state check again as soon as something happened.
 */
final class ClusterEvents {

    /**
     * Maximum wait between two checks. Some changes, such as a follower catching up with its leader, log no line,
     * so a wait checks again after this time even when no event came.
     */
    static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long version;

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

    /** Waits until an event after {@code seenVersion}, {@code timeoutNanos} or {@link #MAX_WAIT_NANOS} pass. */
    void awaitChange(long seenVersion, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = Math.min(timeoutNanos, MAX_WAIT_NANOS);
            while (version == seenVersion && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }
}
