package io.millrace.pipeline;

import io.millrace.outbox.ExceptionEvents;
import io.millrace.outbox.Outbox;
import io.millrace.outbox.OutboxMessage;
import io.millrace.outbox.OutboundRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link Publications} through the hub's outbox, in the caller's transaction. */
class OutboxPublications implements Publications {

    private final Outbox outbox;

    OutboxPublications(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(List<Publication> publications) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (Publication p : publications) {
            if (p instanceof Accepted accepted) {
                outbox.passedOn(accepted.event()).ifPresent(messages::add);
            } else if (p instanceof Posted posted) {
                outbox.fromCore(posted.context(), posted.messages())
                        .forEach(m -> messages.add(m.inTrace(posted.traceparent())));
            } else if (p instanceof ExceptionChanged changed) {
                ExceptionItem item = changed.item();
                OutboxMessage message = changed.raised()
                        ? ExceptionEvents.raised(changed.context(), item.id().toString(), item.reason().name(),
                        item.message(), item.status().name(), changed.actor())
                        : ExceptionEvents.resolved(changed.context(), item.id().toString(), item.reason().name(),
                        item.message(), item.status().name(), changed.actor());
                messages.add(message.inTrace(changed.traceparent()));
            }
        }
        outbox.enqueue(messages);
    }

    @Override
    public List<Published> forEvent(UUID trackingId) {
        return outbox.forEvent(trackingId).stream().map(OutboxPublications::view).toList();
    }

    private static Published view(OutboundRecord r) {
        return new Published(r.id().toString(), r.type(), r.subject(), r.createdAt(), r.deliveries().stream()
                .map(d -> new Delivery(d.subscriber(), d.status().name(), d.deliveredAt(), d.attempts(), d.lastError()))
                .toList());
    }
}
