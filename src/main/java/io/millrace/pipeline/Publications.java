package io.millrace.pipeline;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.posting.OutboundMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the pipeline publishes, through the outbox: the core's messages of a posted event and the
 * exception queue's raised and resolved events. {@link #publish} joins the caller's transaction,
 * so a message exists if and only if the decision behind it committed.
 */
public interface Publications {

    /** One thing to publish. */
    sealed interface Publication {
    }

    /** The outbound messages of a posted event, delivered in the trace {@code traceparent} names (null: none). */
    record Posted(EventContext context, List<OutboundMessage> messages, String traceparent) implements Publication {
    }

    /**
     * An event was taken up from the log, in acceptance order: subscribers that take its type (an
     * inbound type such as the orders the ERP released) are sent it.
     */
    record Accepted(io.millrace.eventlog.LoggedEvent event) implements Publication {
    }

    /**
     * An exception was raised ({@code raised} true) or resolved (its status says how); delivered in
     * the trace {@code traceparent} names (null: none).
     */
    record ExceptionChanged(EventContext context, ExceptionItem item, boolean raised, String actor,
                            String traceparent) implements Publication {
    }

    /** A message published for an event, as lineage shows it. */
    record Published(String id, String type, String subject, Instant createdAt, List<Delivery> deliveries) {
    }

    /** The delivery of a message to one subscriber. */
    record Delivery(String subscriber, String status, Instant deliveredAt, int attempts, String lastError) {
    }

    void publish(List<Publication> publications);

    List<Published> forEvent(UUID trackingId);
}
