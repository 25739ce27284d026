package io.millrace.observability;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Runs the {@link SlaMonitor} every {@code millrace.sla.evaluate-every} on a thread of its own. */
final class SlaSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SlaSchedule.class);

    private final SlaMonitor monitor;
    private final SlaProperties settings;
    private ScheduledExecutorService timer;

    SlaSchedule(SlaMonitor monitor, SlaProperties settings) {
        this.monitor = monitor;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        if (timer != null || !settings.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-sla");
            t.setDaemon(true);
            return t;
        });
        long every = settings.evaluateEvery().toMillis();
        timer.scheduleWithFixedDelay(this::evaluate, every, every, TimeUnit.MILLISECONDS);
    }

    private void evaluate() {
        try {
            monitor.evaluate();
        } catch (RuntimeException ex) {
            LOG.warn("evaluating the service levels failed: {}", ex.toString());
        }
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
