package io.millrace.pipeline;

import io.millrace.eventlog.AppendSignal;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The background thread that drives the {@link Processor}: it applies batches while there is work,
 * waits for the in-process append signal (or the poll interval, for events another instance
 * accepted) when there is none, expires parked events and retries after master data changed.
 * A batch that fails because of the machinery (the database, the JVM) is retried with back-off for
 * as long as it takes ({@link Failures}); a batch that keeps failing for a reason of its events is
 * applied one event per transaction, and an event that fails alone is isolated as an INTERNAL_ERROR
 * exception, so one poison event never blocks the log. Those exceptions are retried later.
 */
class ProcessorRunner implements SmartLifecycle, PipelineDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRunner.class);

    private final Processor processor;
    private final AppendSignal appended;
    private final PipelineSettings settings;
    private final AtomicBoolean masterDataChanged = new AtomicBoolean();
    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    ProcessorRunner(Processor processor, AppendSignal appended, PipelineSettings settings) {
        this.processor = processor;
        this.appended = appended;
        this.settings = settings;
    }

    @Override
    public void masterDataChanged() {
        masterDataChanged.set(true);
        appended.raise();
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "millrace-pipeline");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            appended.raise();
            try {
                t.join(10_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        int failures = 0;
        int machineryFailures = 0;
        long isolateThrough = -1;
        while (running) {
            long seen = appended.count();
            boolean isolating = isolateThrough >= 0;
            try {
                housekeeping();
                int read = processor.applyNext(isolating ? 1 : settings.batchSize());
                if (isolating && processor.lastRead() >= isolateThrough) {
                    isolateThrough = -1;
                }
                failures = 0;
                machineryFailures = 0;
                if (read == 0) {
                    appended.awaitAfter(seen, settings.pollInterval().toMillis());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error ex) {
                if (Failures.isMachinery(ex)) {
                    machineryFailures++;
                    LOG.warn("applying failed (attempt {}, the database or the JVM, not the events): {}",
                            machineryFailures, Failures.describe(ex));
                    sleep(Failures.backoffMillis(machineryFailures));
                    continue;
                }
                failures++;
                LOG.warn("applying failed (attempt {}): {}", failures, Failures.describe(ex));
                if (failures >= Failures.ATTEMPTS_BEFORE_ISOLATING) {
                    if (isolating) {
                        isolatePoison(ex);
                    } else {
                        isolateThrough = processor.lastRead();
                    }
                    failures = 0;
                }
            }
        }
    }

    /** Retries after master-data changes and park-window expiry; their failures never isolate events. */
    private void housekeeping() {
        if (masterDataChanged.getAndSet(false)) {
            try {
                processor.retryAfterMasterDataChange();
            } catch (RuntimeException ex) {
                masterDataChanged.set(true);
                LOG.warn("retrying after a master-data change failed: {}", Failures.describe(ex));
            }
        }
        try {
            processor.expireParked();
            processor.retryInternalErrors();
        } catch (RuntimeException ex) {
            LOG.warn("expiring parked events or retrying internal errors failed: {}", Failures.describe(ex));
        }
    }

    private void isolatePoison(Throwable cause) {
        try {
            processor.isolate(Failures.describe(cause));
        } catch (RuntimeException ex) {
            LOG.warn("could not isolate the failing event: {}", Failures.describe(ex));
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
