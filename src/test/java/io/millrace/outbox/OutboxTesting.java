package io.millrace.outbox;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.posting.OutboundMessage;
import io.millrace.eventlog.EventTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Lets tests of other modules write journal messages and sequence them as the dispatcher would. */
public final class OutboxTesting {

    private OutboxTesting() {
    }

    /** Writes the entries' journal messages (outside any transaction) and gives them their positions. */
    public static void publish(Outbox outbox, List<JournalEntry> entries) {
        publish(outbox, entries, entries.stream().map(e -> (String) null).toList());
    }

    /** As {@link #publish(Outbox, List)}, each entry's message in the trace of its W3C traceparent. */
    public static void publish(Outbox outbox, List<JournalEntry> entries, List<String> traceparents) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JournalEntry e = entries.get(i);
            messages.add(new OutboxMessage(OutboundMessage.JOURNAL_POSTED, e.entryId(), e.plant(), e.correlationId(),
                    UUID.fromString(e.source().trackingId()), CorePayloads.journal(e)).inTrace(traceparents.get(i)));
        }
        outbox.enqueue(messages);
        sequence(outbox);
    }

    /** Gives every written message its position, as the dispatcher's sequencer would. */
    public static void sequence(Outbox outbox) {
        while (outbox.store().sequence(1000) > 0) {
            // until every message has its position
        }
    }

    /**
     * Delivers every message written so far to the webhook, on this thread, as its worker would, with
     * {@code tracing}; answers the rounds run.
     */
    public static int deliver(Outbox outbox, OutboxProperties.Webhook webhook, EventTracing tracing) {
        sequence(outbox);
        OutboxProperties settings = OutboxProperties.defaults(List.of(webhook));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SubscriberWorker worker = new SubscriberWorker(webhook, outbox.store(), CircuitBreaker.ofDefaults("test"),
                Clock.systemUTC(), "test", settings, meters.counter("delivered"), meters.counter("failures"),
                new AtomicLong(), tracing);
        outbox.store().register(webhook.name());
        int rounds = 0;
        try {
            Duration pause;
            do {
                pause = worker.round();
                rounds++;
            } while (pause != null && pause.isZero() && rounds < 1000);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return rounds;
    }
}
