package io.millrace.storage;

import java.util.concurrent.Semaphore;
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
        if (!permit.tryAcquire()) {
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

    synchronized boolean isTaken() {
        return holds > 0;
    }
}
