package io.millrace.edge;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the edge agent's copies of what the hub decides up to date: the catalog and the scope of
 * the key. Asks at start-up, then every {@code refreshEvery}; while the hub cannot be asked, every
 * few seconds, so that a hub coming back is noticed soon.
 */
final class HubSync implements SmartLifecycle {

    static final String CATALOG = "/api/v1/catalog";
    static final String KEY = "/api/v1/sources/me";
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(HubSync.class);

    private final HubLink hub;
    private final EdgeCatalog catalog;
    private final HubKey key;
    private final HubContact contact;
    private final Duration refreshEvery;
    private ScheduledExecutorService timer;

    HubSync(HubLink hub, EdgeCatalog catalog, HubKey key, HubContact contact, Duration refreshEvery) {
        this.hub = hub;
        this.catalog = catalog;
        this.key = key;
        this.contact = contact;
        this.refreshEvery = refreshEvery;
    }

    /** Asks the hub once; true when both the catalog and the key's description are current. */
    boolean refresh() {
        return refreshCatalog() & refreshKey();
    }

    private boolean refreshCatalog() {
        HubLink.Answer answer = ask(CATALOG);
        if (answer == null || answer.status() != 200) {
            return false;
        }
        try {
            catalog.adopt(answer.body());
            return true;
        } catch (IOException | RuntimeException ex) {
            log.warn("The hub's catalog cannot be used ({}); the catalog in use stays", ex.getMessage());
            return false;
        }
    }

    private boolean refreshKey() {
        HubLink.Answer answer = ask(KEY);
        if (answer == null) {
            return false;
        }
        if (answer.status() == 404) {
            return true; // a hub that does not describe keys: the scope is checked when events arrive there
        }
        if (answer.status() != 200) {
            return false;
        }
        try {
            key.learn(answer.body());
            return true;
        } catch (IOException | RuntimeException ex) {
            log.warn("The hub's description of the key cannot be used ({})", ex.getMessage());
            return false;
        }
    }

    private HubLink.Answer ask(String path) {
        try {
            HubLink.Answer answer = hub.get(path);
            if (answer.status() >= 500) {
                contact.failed("the hub answered " + answer.status() + " to GET " + path);
            } else if (answer.status() == 401) {
                contact.answeredWithProblem("the hub answered 401 to GET " + path
                        + " (the hub does not know the key given with --key): " + Forwarder.detail(answer.body()));
            } else {
                contact.answered();
            }
            return answer;
        } catch (IOException ex) {
            contact.failed(Forwarder.noAnswer(ex));
            return null;
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "millrace-edge-hub-sync");
            t.setDaemon(true);
            return t;
        });
        timer.execute(this::refreshAndReschedule);
    }

    private void refreshAndReschedule() {
        boolean current;
        try {
            current = refresh();
        } catch (RuntimeException ex) {
            log.warn("Asking the hub for its catalog failed", ex);
            current = false;
        }
        Duration next = current || refreshEvery.compareTo(RETRY) < 0 ? refreshEvery : RETRY;
        synchronized (this) {
            if (timer != null && !timer.isShutdown()) {
                timer.schedule(this::refreshAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdown();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null && !timer.isShutdown();
    }
}
