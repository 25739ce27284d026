package io.millrace.edge;

import io.millrace.eventlog.AppendSignal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the forwarder on its own thread while the edge agent runs: at once when events are
 * appended, and with exponential back-off (or the hub's {@code Retry-After}) while the hub is
 * unavailable. The thread is never interrupted, since an interrupt closes H2's file channel; it
 * checks a flag between short waits instead.
 */
final class ForwardingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ForwardingLoop.class);
    private static final long IDLE_WAIT_MILLIS = 500;

    private final Forwarder forwarder;
    private final AppendSignal appended;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile boolean running;
    private Thread thread;

    ForwardingLoop(Forwarder forwarder, AppendSignal appended, Duration initialBackoff, Duration maxBackoff) {
        this.forwarder = forwarder;
        this.appended = appended;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, "millrace-edge-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            try {
                t.join(40_000); // a request in flight ends within its timeout
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        Duration backoff = initialBackoff;
        boolean wasUnavailable = false;
        while (running) {
            long seen = appended.count();
            Forwarder.Outcome outcome;
            try {
                outcome = forwarder.forwardNext();
            } catch (RuntimeException ex) {
                log.error("Forwarding failed on the edge agent's own store; retrying", ex);
                outcome = new Forwarder.Outcome(0, 0, "edge store: " + ex.getMessage(), null);
            }
            if (outcome.hubUnavailable()) {
                if (!wasUnavailable) {
                    log.warn("Forwarding paused: {}", outcome.unavailable());
                    wasUnavailable = true;
                }
                Duration wait = outcome.retryAfter() != null && outcome.retryAfter().compareTo(backoff) > 0
                        ? outcome.retryAfter() : backoff;
                pause(wait.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                continue;
            }
            if (wasUnavailable) {
                log.info("Forwarding resumed: the hub answers again");
                wasUnavailable = false;
            }
            backoff = initialBackoff;
            if (outcome.idle()) {
                try {
                    appended.awaitAfter(seen, IDLE_WAIT_MILLIS);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }

    private void pause(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException ex) {
                return;
            }
        }
    }
}
