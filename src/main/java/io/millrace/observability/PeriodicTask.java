package io.millrace.observability;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task every {@code every} on a thread of its own (the SLA evaluation, the backlog
 * samples); a failing run is logged and the next one comes as planned.
 */
final class PeriodicTask implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Runnable task;
    private final Duration every;
    private final boolean enabled;
    private ScheduledExecutorService timer;

    PeriodicTask(String name, Runnable task, Duration every, boolean enabled) {
        this.name = name;
        this.task = task;
        this.every = every;
        this.enabled = enabled;
    }

    @Override
    public synchronized void start() {
        if (timer != null || !enabled) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-" + name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            task.run();
        } catch (RuntimeException ex) {
            LOG.warn("{} failed: {}", name, ex.toString());
        }
    }

    /** False when switched off by configuration: not running then is no failure. */
    boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
