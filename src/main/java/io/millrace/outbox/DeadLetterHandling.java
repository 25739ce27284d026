package io.millrace.outbox;

import io.millrace.outbox.WebhookClient.DeliveryFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One subscriber's dead letters (ADR 0016): when a failing message is set aside, which later
 * messages wait behind it (those of the same order key, so that the subscriber never sees a key's
 * messages out of order), and the operator's retry, which sends the set-aside message and then
 * the ones held behind it, in position order. Shared by the webhook workers and the Kafka relay.
 */
final class DeadLetterHandling {

    /** Sends messages to the subscriber; a failure says what kind it is. */
    interface Sender {
        void send(List<StoredMessage> messages) throws DeliveryFailure, InterruptedException;
    }

    private final OutboxStore store;
    private final String subscriber;
    private final OutboxProperties.DeadLetter policy;
    private final Clock clock;

    DeadLetterHandling(OutboxStore store, String subscriber, OutboxProperties.DeadLetter policy, Clock clock) {
        this.store = store;
        this.subscriber = subscriber;
        this.policy = policy;
        this.clock = clock;
    }

    /** What keeps order for a subscriber: the subject (a business key), or the plant when there is none. */
    static String key(StoredMessage m) {
        return m.subject() != null ? m.subject() : m.plant();
    }

    /**
     * The batch without the messages set aside or held before, and without those of a key that
     * has a message set aside (these are recorded as held now).
     */
    List<StoredMessage> sendable(List<StoredMessage> batch) {
        if (batch.isEmpty()) {
            return batch;
        }
        Set<Long> aside = store.setAsideBetween(subscriber, batch.get(0).position() - 1,
                batch.get(batch.size() - 1).position());
        Set<String> blocked = store.blockedKeys(subscriber);
        if (aside.isEmpty() && blocked.isEmpty()) {
            return batch;
        }
        List<StoredMessage> held = new ArrayList<>();
        List<StoredMessage> sendable = new ArrayList<>();
        for (StoredMessage m : batch) {
            if (aside.contains(m.position())) {
                continue;
            }
            (blocked.contains(key(m)) ? held : sendable).add(m);
        }
        if (!held.isEmpty()) {
            store.hold(subscriber, held, DeadLetterHandling::key, clock.instant());
        }
        return sendable;
    }

    /** Holds one message behind a dead letter of its key. */
    void hold(StoredMessage message) {
        store.hold(subscriber, List.of(message), DeadLetterHandling::key, clock.instant());
    }

    /** Whether a head that failed {@code attempts} times in a row, since {@code since}, is to be set aside. */
    boolean due(DeliveryFailure.Kind kind, int attempts, Instant since) {
        return switch (kind) {
            case UNAVAILABLE -> false;
            case REFUSED -> attempts >= policy.refusedAttempts();
            case FAILED -> attempts >= policy.maxAttempts()
                    || since != null && !clock.instant().isBefore(since.plus(policy.maxTime()));
        };
    }

    /** Sets the message aside and moves the progress past it; false when the lease was lost. */
    boolean setAside(String owner, long from, StoredMessage message, DeliveryFailure failure, int attempts) {
        return store.setAside(subscriber, owner, from, message, key(message), reason(failure.kind()), attempts,
                failure.getMessage(), clock.instant());
    }

    /**
     * Sends what operators asked to retry, each key's messages in position order (the retried one,
     * then those held behind it), until one fails: that one is the key's dead letter again.
     * Answers false when the subscriber was unavailable (the rest waits for the next round).
     */
    boolean redeliver(Sender sender) throws InterruptedException {
        for (String key : store.retriedKeys(subscriber)) {
            for (DeadLetter waiting : store.waiting(subscriber, key)) {
                if (DeadLetter.DEAD.equals(waiting.state())) {
                    break;
                }
                Optional<StoredMessage> message = store.messageAt(waiting.position());
                if (message.isEmpty()) {
                    store.redelivered(waiting.id(), clock.instant());
                    continue;
                }
                try {
                    sender.send(List.of(message.get()));
                    store.redelivered(waiting.id(), clock.instant());
                } catch (DeliveryFailure failure) {
                    if (failure.kind() == DeliveryFailure.Kind.UNAVAILABLE) {
                        return false;
                    }
                    store.deadAgain(waiting.id(), reason(failure.kind()), failure.getMessage(), clock.instant());
                    break;
                }
            }
        }
        return true;
    }

    private static String reason(DeliveryFailure.Kind kind) {
        return kind == DeliveryFailure.Kind.REFUSED ? DeadLetter.REFUSED : DeadLetter.FAILED;
    }
}
