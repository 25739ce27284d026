package io.millrace.eventlog;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process signal raised after every append that added events, so that the processor of this
 * hub instance wakes at once instead of at its next poll.
 */
public final class AppendSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long appends;

    /** Called by the log after an append that added events has committed. */
    public void raise() {
        lock.lock();
        try {
            appends++;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many appends were signalled so far: pass it to {@link #awaitAfter}. */
    public long count() {
        lock.lock();
        try {
            return appends;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until an append after {@code seen} was signalled, or the timeout passed. */
    public void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (appends == seen && nanos > 0) {
                nanos = appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
