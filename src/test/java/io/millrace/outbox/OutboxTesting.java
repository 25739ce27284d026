package io.millrace.outbox;

import io.millrace.accounting.ledger.JournalEntry;
import io.millrace.accounting.posting.OutboundMessage;
import java.util.List;
import java.util.UUID;

/** Lets tests of other modules write journal messages and sequence them as the dispatcher would. */
public final class OutboxTesting {

    private OutboxTesting() {
    }

    /** Writes the entries' journal messages (outside any transaction) and gives them their positions. */
    public static void publish(Outbox outbox, List<JournalEntry> entries) {
        outbox.enqueue(entries.stream().map(e -> new OutboxMessage(OutboundMessage.JOURNAL_POSTED, e.entryId(),
                e.plant(), e.correlationId(), UUID.fromString(e.source().trackingId()), CorePayloads.journal(e)))
                .toList());
        while (outbox.store().sequence(1000) > 0) {
            // until every message has its position
        }
    }
}
