package io.millrace.corrections;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.event.EventTypes;
import io.millrace.accounting.event.ManufacturingEvent;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.master.MasterData;
import io.millrace.accounting.posting.PostingSettings;
import io.millrace.accounting.replay.LedgerDifference;
import io.millrace.accounting.replay.ProposedMasterData;
import io.millrace.accounting.replay.ShadowLedger;
import io.millrace.catalog.EventJson;
import io.millrace.eventlog.EventLog;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.ledger.LedgerQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Runs shadow-ledger replays one at a time on a thread of their own: reads the event log from
 * its start (the books before the range are rebuilt the same way, with the proposed master data)
 * through the end of the range, replays the events of the chosen plants into scratch books and
 * compares the entries of the events in the range with the real ledger's. Only reads the real
 * books. Runs and their reports are kept in memory for the life of the process.
 */
@Service
class ShadowReplays implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowReplays.class);
    private static final int PAGE = 1000;

    /** One replay as it stands; {@code differences} once completed. */
    record Run(String id, String status, String actor, String reason, Instant requestedAt, Instant finishedAt,
               long eventsRead, long eventsInRange, long lastPosition, int posted, int refused, int waiting,
               List<LedgerDifference.Row> differences, String failure) {
    }

    private final EventLog log;
    private final LedgerQueries ledger;
    private final MasterData master;
    private final PostingSettings settings;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "millrace-shadow-replay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicReference<Run>> runs = new ConcurrentHashMap<>();

    ShadowReplays(EventLog log, LedgerQueries ledger, MasterData master, PostingSettings settings,
                  ObjectProvider<Clock> clock) {
        this.log = log;
        this.ledger = ledger;
        this.master = master;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    Run start(ReplayRequest request) {
        String id = UUID.randomUUID().toString();
        Run queued = new Run(id, "QUEUED", request.actor(), request.reason(), clock.instant(), null, 0, 0, 0, 0, 0,
                0, List.of(), null);
        AtomicReference<Run> state = new AtomicReference<>(queued);
        runs.put(id, state);
        worker.submit(() -> run(request, state));
        return queued;
    }

    Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id)).map(AtomicReference::get);
    }

    private void run(ReplayRequest request, AtomicReference<Run> state) {
        Run start = state.get();
        try {
            ShadowLedger shadow = new ShadowLedger(new ProposedMasterData(master, request.standardCosts(),
                    request.boms()), settings);
            Set<String> inRange = new HashSet<>();
            AtomicLong read = new AtomicLong();
            long position = 0;
            long end = request.toPosition() != null ? request.toPosition() : Long.MAX_VALUE;
            while (position < end) {
                List<LoggedEvent> page = log.readAfter(position, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (LoggedEvent event : page) {
                    position = event.position();
                    if (request.pastRange(position)) {
                        break;
                    }
                    read.incrementAndGet();
                    if (!request.includesPlant(event.plant())) {
                        continue;
                    }
                    decode(event).ifPresent(shadow::replay);
                    if (request.inRange(position, event.eventTime())) {
                        inRange.add(event.trackingId().toString());
                    }
                }
                state.set(progress(start, "RUNNING", read.get(), inRange.size(), position, shadow, List.of(), null));
            }
            List<JournalEntry> real = new ArrayList<>();
            for (String trackingId : inRange) {
                real.addAll(ledger.journalOf(trackingId));
            }
            List<LedgerDifference.Row> rows = LedgerDifference.between(real, shadow.books().journal().all(), inRange,
                    request::includesPlant);
            state.set(progress(start, "COMPLETED", read.get(), inRange.size(), position, shadow, rows, null));
        } catch (RuntimeException ex) {
            LOG.warn("shadow replay {} failed", start.id(), ex);
            Run now = state.get();
            state.set(new Run(now.id(), "FAILED", now.actor(), now.reason(), now.requestedAt(), clock.instant(),
                    now.eventsRead(), now.eventsInRange(), now.lastPosition(), now.posted(), now.refused(),
                    now.waiting(), List.of(), ex.toString()));
        }
    }

    private Run progress(Run start, String status, long read, long inRange, long position, ShadowLedger shadow,
                         List<LedgerDifference.Row> rows, String failure) {
        return new Run(start.id(), status, start.actor(), start.reason(), start.requestedAt(),
                status.equals("COMPLETED") ? clock.instant() : null, read, inRange, position, shadow.posted(),
                shadow.refused(), shadow.waiting(), rows, failure);
    }

    /** The event as the core reads it; one the core cannot read is left out, as it never posted. */
    private static Optional<ShadowLedger.Replayed> decode(LoggedEvent e) {
        Optional<Class<? extends ManufacturingEvent>> type = EventTypes.classOf(e.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            ManufacturingEvent event = EventJson.mapper().treeToValue(EventJson.mapper().readTree(e.json())
                    .get("data"), type.get());
            EventContext context = new EventContext(e.trackingId().toString(), e.source(), e.id(), e.type(),
                    e.plant(), e.subject(), e.correlationId(), e.eventTime(), e.acceptedAt(),
                    "key:" + e.producerKeyId());
            return Optional.of(new ShadowLedger.Replayed(context, event));
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
