package io.millrace.outbox;

import io.millrace.accounting.event.EventContext;
import io.millrace.accounting.posting.OutboundMessage;
import io.millrace.catalog.EventCatalog;
import io.millrace.eventlog.EventTracing;
import io.millrace.eventlog.LoggedEvent;
import io.millrace.eventlog.TrackingIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: what the hub publishes is written here in the transaction that decides it, so
 * that a message exists if and only if its posting committed. Delivery happens later, on the
 * dispatcher's threads.
 */
@Component
public class Outbox {

    private final OutboxStore store;
    private final Clock clock;
    private final TrackingIds eventIds;
    private final List<OutboxProperties.Webhook> subscribers;
    private final OutboxProperties properties;
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    /** Refuses to start when a subscriber names a type that is neither the hub's own nor in the catalog. */
    @Autowired
    Outbox(DataSource dataSource, ObjectProvider<Clock> clock, OutboxProperties properties,
           ObjectProvider<EventCatalog> catalog) {
        this(dataSource, clock.getIfAvailable(Clock::systemUTC), properties);
        catalog.ifAvailable(c -> properties.requireKnownTypes(c::knowsType));
    }

    /** An outbox on the hub's data source; {@code clock} gives the messages' time. */
    public Outbox(DataSource dataSource, Clock clock, OutboxProperties properties) {
        this.store = new OutboxStore(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
        this.clock = clock;
        this.eventIds = new TrackingIds(clock);
        this.subscribers = properties.webhooks();
        this.properties = properties;
    }

    /**
     * The accepted event as a message to the subscribers that take its type (a plant's MES
     * subscribing to the orders the ERP released), if any does: its own source, type, subject,
     * time and data, with the hub's tracking id; empty when no subscriber takes its type.
     */
    public Optional<OutboxMessage> passedOn(LoggedEvent event) {
        if (!properties.routesInbound(event.type())) {
            return Optional.empty();
        }
        JsonNode envelope = OutboxJson.MAPPER.readTree(event.json());
        JsonNode data = envelope.path("data");
        return Optional.of(new OutboxMessage(event.type(), event.subject(), event.plant(), event.correlationId(),
                event.trackingId(), data.isMissingNode() ? OutboxJson.NODES.nullNode() : data, event.source(),
                event.eventTime(), EventTracing.traceparent(event.json())));
    }

    /**
     * Writes the messages, each with a new time-ordered CloudEvents id (new ids land next to each
     * other in the id index instead of on random pages) and the clock's time, in one batch and in
     * the caller's current Spring-managed transaction on the data source (rolled back with it);
     * without a transaction, at once. The dispatcher is told once the transaction commits.
     */
    public void enqueue(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<StoredMessage> rows = new ArrayList<>(messages.size());
        for (OutboxMessage m : messages) {
            rows.add(new StoredMessage(null, eventIds.next(), m.type(), m.source() == null ? OutboxStore.SOURCE
                    : m.source(), m.subject(), m.plant(), m.correlationId(), m.trackingId(),
                    m.time() == null ? now : m.time(), OutboxJson.write(m.data()), m.traceparent()));
        }
        store.insert(rows);
        signalAfterCommit();
    }

    /** The core's outbound messages of one event, with their data as JSON (money with 2 decimals). */
    public List<OutboxMessage> fromCore(EventContext context, List<OutboundMessage> messages) {
        UUID trackingId = trackingId(context);
        return messages.stream()
                .map(m -> new OutboxMessage(m.type(), m.subject(), m.plant(), context.correlationId(), trackingId,
                        CorePayloads.toJson(m.payload())))
                .toList();
    }

    /** Every message published for the event, in the order written, with its delivery to each subscriber. */
    public List<OutboundRecord> forEvent(UUID trackingId) {
        List<OutboundRecord> records = new ArrayList<>();
        for (StoredMessage m : store.messagesOf(trackingId)) {
            List<SubscriberDelivery> deliveries = new ArrayList<>();
            for (OutboxProperties.Webhook subscriber : subscribers) {
                if (subscriber.accepts(m.type())) {
                    deliveries.add(delivery(subscriber.name(), m.position()));
                }
            }
            records.add(new OutboundRecord(m.eventId(), m.type(), m.subject(), m.plant(), m.correlationId(), m.time(),
                    m.position(), deliveries));
        }
        return records;
    }

    private SubscriberDelivery delivery(String subscriber, Long position) {
        Optional<SubscriberProgress> found = store.progress(subscriber);
        if (position == null || found.isEmpty()) {
            return new SubscriberDelivery(subscriber, DeliveryStatus.PENDING, null, 0, null);
        }
        SubscriberProgress progress = found.get();
        Optional<DeadLetter> aside = store.deadLetterAt(subscriber, position);
        if (aside.isPresent()) {
            DeadLetter d = aside.get();
            return switch (d.state()) {
                case DeadLetter.DELIVERED -> new SubscriberDelivery(subscriber, DeliveryStatus.DELIVERED,
                        d.deliveredAt(), d.attempts(), null);
                case DeadLetter.HELD -> new SubscriberDelivery(subscriber, DeliveryStatus.HELD, null, 0,
                        "waits behind a message of " + d.orderKey() + " set aside for this subscriber");
                case DeadLetter.RETRY -> new SubscriberDelivery(subscriber, DeliveryStatus.PENDING, null, d.attempts(),
                        d.lastError());
                default -> new SubscriberDelivery(subscriber, DeliveryStatus.SET_ASIDE, null, d.attempts(),
                        d.lastError());
            };
        }
        if (position <= progress.deliveredPosition()) {
            return store.deliveredAt(subscriber, position)
                    .map(at -> new SubscriberDelivery(subscriber, DeliveryStatus.DELIVERED, at, 0, null))
                    .orElseGet(() -> new SubscriberDelivery(subscriber, DeliveryStatus.SKIPPED, null, 0, null));
        }
        if (progress.failingThrough() != null && position <= progress.failingThrough()) {
            return new SubscriberDelivery(subscriber, DeliveryStatus.FAILED, null, progress.attempts(),
                    progress.lastError());
        }
        return new SubscriberDelivery(subscriber, DeliveryStatus.PENDING, null, 0, null);
    }

    /**
     * Up to {@code limit} messages of {@code type} after {@code position}, in position order, among
     * those sequenced so far: a reader that remembers the last position it took misses none.
     */
    public List<PublishedMessage> publishedAfter(long position, String type, int limit) {
        return store.readAfter(position, store.highWater(), List.of(type), limit).stream()
                .map(m -> new PublishedMessage(m.position(), m.eventId(), m.type(), m.plant(), m.trackingId(),
                        m.time(), m.data(), m.correlationId(), m.traceparent()))
                .toList();
    }

    /** How many messages of {@code type} there are after {@code position}, sequenced or not. */
    public long countAfter(long position, String type) {
        return store.undelivered(position, List.of(type));
    }

    OutboxStore store() {
        return store;
    }

    /** {@code listener} runs after every commit that wrote messages (every applying transaction that posted). */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    private void signalAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    commitListeners.forEach(Runnable::run);
                }
            });
        } else {
            commitListeners.forEach(Runnable::run);
        }
    }

    static UUID trackingId(EventContext context) {
        try {
            return UUID.fromString(context.trackingId());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("tracking id '" + context.trackingId() + "' is not a UUID", ex);
        }
    }
}
