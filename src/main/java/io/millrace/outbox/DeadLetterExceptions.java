package io.millrace.outbox;

import io.millrace.audit.AuditTrail;
import io.millrace.web.ApiProblem;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Messages set aside for a webhook or the Kafka relay, as delivery exceptions an operator retries. */
@Component
class DeadLetterExceptions implements DeliveryExceptions {

    private final OutboxStore store;
    private final AuditTrail audit;
    private final Clock clock;

    DeadLetterExceptions(Outbox outbox, AuditTrail audit, ObjectProvider<Clock> clock) {
        this.store = outbox.store();
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public List<Item> list(String status, int offset, int limit) {
        List<String> states = states(status);
        return states.isEmpty() ? List.of() : store.deadLetters(states, offset, limit).stream()
                .map(DeadLetterExceptions::item).toList();
    }

    @Override
    public long count(String status) {
        List<String> states = states(status);
        return states.isEmpty() ? 0 : store.countDeadLetters(states);
    }

    @Override
    public Optional<Item> find(UUID id) {
        return store.deadLetter(id).filter(DeadLetterExceptions::isException).map(DeadLetterExceptions::item);
    }

    @Override
    public Optional<Item> retry(UUID id, String actor) {
        Optional<DeadLetter> found = store.deadLetter(id).filter(DeadLetterExceptions::isException);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetter before = found.get();
        if (!store.retryDeadLetter(id, actor, clock.instant())) {
            throw ApiProblem.conflict("The message of delivery exception " + id + " for " + before.subscriber()
                    + " is " + before.state() + "; only one set aside (DEAD) can be retried.",
                    Map.<String, Object>of("exceptionId", id.toString(), "subscriber", before.subscriber(), "state",
                            before.state()));
        }
        Item after = item(store.deadLetter(id).orElseThrow());
        audit.record(actor, "subscriber.dead-letter-retried", "subscriber:" + before.subscriber(), item(before), after);
        return Optional.of(after);
    }

    private static boolean isException(DeadLetter d) {
        return !DeadLetter.HELD.equals(d.state()) && (!DeadLetter.DELIVERED.equals(d.state()) || d.retriedBy() != null);
    }

    private static List<String> states(String status) {
        if (status == null) {
            return List.of(DeadLetter.DEAD, DeadLetter.RETRY, DeadLetter.DELIVERED);
        }
        return switch (status) {
            case OPEN -> List.of(DeadLetter.DEAD, DeadLetter.RETRY);
            case RESOLVED -> List.of(DeadLetter.DELIVERED);
            default -> List.of();
        };
    }

    private static Item item(DeadLetter d) {
        String status = DeadLetter.DELIVERED.equals(d.state()) ? RESOLVED : OPEN;
        String message = "message at outbox position " + d.position() + " (" + d.orderKey() + ") set aside for "
                + d.subscriber() + " after " + d.attempts() + " attempt(s): " + d.lastError()
                + (DeadLetter.RETRY.equals(d.state()) ? "; being delivered again" : "");
        return new Item(d.id(), d.trackingId(), d.type(), d.plant(), d.subscriber(), d.reason(), message, d.deadAt(),
                status, d.retriedBy(), d.retriedAt());
    }
}
