package io.millrace.erp;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.millrace.accounting.posting.OutboundMessage;
import io.millrace.eventlog.EventTracing;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.PublishedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers journal entries into the ERP, one round at a time: takes new journal messages from the
 * outbox, then sends the oldest pending moves in one call. The ERP being unavailable leaves them
 * pending for the next round, after a backoff with jitter; a circuit breaker stops calling an ERP
 * that keeps failing. A business refusal marks only the refused entry (found by sending the batch
 * one move at a time), so the others go through. Before creating a move that an earlier attempt
 * may have created, and at start, it looks the move up by reference, so none is created twice.
 * Each call to the ERP is traced: in the entry's event's trace and log context when it delivers one
 * entry, else (a summary, several moves) one span linked to the trace of every entry's event.
 */
final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int INGEST_BATCH = 1000;

    private final Erp erp;
    private final Outbox outbox;
    private final ErpDeliveries deliveries;
    private final ErpProperties settings;
    private final EntryMoves moves;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final String owner;
    private final ErpMetrics metrics;
    private final java.util.function.Consumer<RuntimeException> contact;
    private final EventTracing tracing;
    private boolean lookUpAll = true;
    private int consecutiveFailures;

    DeliveryWorker(Erp erp, Outbox outbox, ErpDeliveries deliveries, ErpProperties settings, CircuitBreaker breaker,
                   Clock clock, String owner, ErpMetrics metrics,
                   java.util.function.Consumer<RuntimeException> contact, EventTracing tracing) {
        this.contact = contact;
        this.tracing = tracing;
        this.erp = erp;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.settings = settings;
        this.moves = new EntryMoves(settings);
        this.breaker = breaker;
        this.clock = clock;
        this.owner = owner;
        this.metrics = metrics;
    }

    /** One round; answers how long to pause: null to wait for new work, zero for none. */
    Duration round() {
        Instant now = clock.instant();
        if (!deliveries.acquireLease(owner, now, now.plus(settings.leaseDuration()))) {
            lookUpAll = true;
            return null;
        }
        ingest();
        if (settings.summarise()) {
            summarise();
        }
        List<Delivery> pending = deliveries.pendingGroups(settings.batchSize());
        if (pending.isEmpty()) {
            return null;
        }
        if (!breaker.tryAcquirePermission()) {
            return backoff();
        }
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        pending.forEach(d -> groups.computeIfAbsent(d.reference(), r -> new ArrayList<>()).add(d));
        long started = System.nanoTime();
        try {
            deliver(groups);
        } catch (ErpUnavailableException ex) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
            consecutiveFailures++;
            metrics.failure();
            contact.accept(ex);
            deliveries.failed(List.copyOf(groups.keySet()), ex.getMessage(), clock.instant());
            log.info("ERP delivery of {} move(s) failed (attempt {}), will retry: {}", groups.size(),
                    consecutiveFailures, ex.getMessage());
            return backoff();
        } catch (RuntimeException ex) {
            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, ex);
            consecutiveFailures++;
            metrics.failure();
            lookUpAll = true;
            log.warn("ERP delivery round failed, will retry: {}", ex.toString());
            return backoff();
        }
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        contact.accept(null);
        consecutiveFailures = 0;
        return Duration.ZERO;
    }

    void release() {
        deliveries.releaseLease(owner);
    }

    private void ingest() {
        while (true) {
            List<PublishedMessage> messages = outbox.publishedAfter(deliveries.cursor(),
                    OutboundMessage.JOURNAL_POSTED, INGEST_BATCH);
            deliveries.ingest(messages, m -> EntryMoves.newDelivery(m.data(), settings.summarise()), clock.instant());
            if (messages.size() < INGEST_BATCH) {
                return;
            }
        }
    }

    /** Days that ended more than the summary delay ago get their pending entries summarised per plant and date. */
    private void summarise() {
        LocalDate through = clock.instant().minus(settings.summaryDelay()).atZone(ZoneOffset.UTC).toLocalDate()
                .minusDays(1);
        List<Delivery> open = deliveries.unsummarised(through, 10_000);
        Map<String, List<Long>> byDay = new LinkedHashMap<>();
        for (Delivery d : open) {
            String key = "summary:" + d.plant() + ":" + d.postingDate();
            byDay.computeIfAbsent(key, k -> new ArrayList<>()).add(d.seq());
        }
        byDay.forEach((key, seqs) -> deliveries.assignReference(seqs, key + ":" + seqs.get(0), clock.instant()));
    }

    /** Delivers the groups in their events' traces; a failure is recorded on the span and rethrown. */
    private void deliver(Map<String, List<Delivery>> groups) {
        try (EventTracing.Scope scope = tracing.open("deliver erp", sources(groups.values()))) {
            try {
                deliver(groups, scope);
            } catch (RuntimeException ex) {
                scope.failed(ex);
                throw ex;
            }
        }
    }

    private static List<EventTracing.Source> sources(Collection<List<Delivery>> groups) {
        return groups.stream().flatMap(List::stream).map(Delivery::traceSource).toList();
    }

    private void deliver(Map<String, List<Delivery>> groups, EventTracing.Scope scope) {
        Map<String, MoveRequest> requests = new LinkedHashMap<>();
        Set<String> lookUp = new HashSet<>();
        for (Map.Entry<String, List<Delivery>> g : groups.entrySet()) {
            MoveRequest move = moves.move(g.getKey(), g.getValue());
            if (move == null) {
                deliveries.delivered(g.getKey(), null, clock.instant());
                continue;
            }
            requests.put(g.getKey(), move);
            if (lookUpAll || g.getValue().stream().anyMatch(d -> d.attempts() > 0)) {
                lookUp.add(g.getKey());
            }
        }
        if (!lookUp.isEmpty()) {
            settleExisting(requests, lookUp);
        }
        lookUpAll = false;
        if (requests.isEmpty()) {
            return;
        }
        try {
            record(erp.createAndPost(List.copyOf(requests.values())));
        } catch (ErpRefusedException refused) {
            scope.failed(refused);
            oneByOne(requests, groups);
        }
    }

    /** Moves that exist already are taken as delivered (drafts posted first) and not created again. */
    private void settleExisting(Map<String, MoveRequest> requests, Set<String> references) {
        List<ErpMove> existing = erp.movesByReference(references);
        List<ErpMove> drafts = new ArrayList<>();
        for (ErpMove move : existing) {
            if (requests.remove(move.reference()) == null) {
                continue;
            }
            if (move.posted()) {
                record(List.of(move));
            } else {
                drafts.add(move);
            }
        }
        if (!drafts.isEmpty()) {
            record(erp.post(drafts));
        }
    }

    /** Finds the refused moves of a refused batch, each sent in its own events' traces; the others are delivered. */
    private void oneByOne(Map<String, MoveRequest> requests, Map<String, List<Delivery>> groups) {
        settleExisting(requests, Set.copyOf(requests.keySet()));
        for (MoveRequest move : requests.values()) {
            try (EventTracing.Scope scope = tracing.open("deliver erp", sources(List.of(groups.get(move.reference()))))) {
                try {
                    record(erp.createAndPost(List.of(move)));
                } catch (ErpRefusedException refused) {
                    scope.failed(refused);
                    deliveries.refused(move.reference(), refused.getMessage(), clock.instant());
                    metrics.refused();
                    log.warn("The ERP refused move {}: {}", move.reference(), refused.getMessage());
                }
            }
        }
    }

    private void record(List<ErpMove> delivered) {
        Instant now = clock.instant();
        for (ErpMove move : delivered) {
            deliveries.delivered(move.reference(), move, now);
        }
        metrics.delivered(delivered.size());
    }

    private Duration backoff() {
        long initial = settings.retry().initialBackoff().toMillis();
        long max = settings.retry().maxBackoff().toMillis();
        long millis = initial;
        for (int i = 1; i < Math.min(consecutiveFailures, 30) && millis < max; i++) {
            millis *= 2;
        }
        millis = Math.min(Math.max(millis, initial), max);
        // Full jitter on half the delay, so that instances and restarts do not retry in step.
        long jitter = ThreadLocalRandom.current().nextLong(millis / 2 + 1);
        return Duration.ofMillis(millis / 2 + jitter);
    }
}
