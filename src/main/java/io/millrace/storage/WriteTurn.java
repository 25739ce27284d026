package io.millrace.storage;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The right to have an open write transaction on the embedded database, handed out in arrival
 * order. A thread that already holds the turn (through another connection) takes it again
 * without waiting, so nested transactions cannot deadlock on it; whichever thread ends the last
 * hold gives it back, so a connection closed on another thread does not keep it.
 */
final class WriteTurn {

    private final Semaphore permit = new Semaphore(1, true);
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();
    private Thread owner;
    private int holds;

    void take() {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (owner == me) {
                holds++;
                return;
            }
        }
        if (!takeIfFree()) {
            long start = System.nanoTime();
            permit.acquireUninterruptibly();
            waits.increment();
            waitedNanos.add(System.nanoTime() - start);
        }
        synchronized (this) {
            owner = me;
            holds = 1;
        }
    }

    /**
     * Takes the permit only if it is free and nobody queues for it: the untimed {@code tryAcquire}
     * would jump the queue even on a fair semaphore.
     */
    private boolean takeIfFree() {
        try {
            return permit.tryAcquire(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt(); // kept for the caller; the turn is still taken below
            return false;
        }
    }

    void give() {
        synchronized (this) {
            if (holds == 0) {
                throw new IllegalStateException("the write turn is not held");
            }
            if (--holds > 0) {
                return;
            }
            owner = null;
        }
        permit.release();
    }

    /** How many times a transaction had to wait for the turn. */
    long waits() {
        return waits.sum();
    }

    /** The time transactions spent waiting for the turn, in nanoseconds. */
    long waitedNanos() {
        return waitedNanos.sum();
    }

    /** Transactions queuing for the turn now (an estimate, for tests). */
    int queued() {
        return permit.getQueueLength();
    }

    synchronized boolean isTaken() {
        return holds > 0;
    }
}
