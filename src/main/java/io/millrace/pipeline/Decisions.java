package io.millrace.pipeline;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs an operator decision on an event (retry, approve, discard) as one applying transaction,
 * serialized with whatever applies that event's key, so its posting releases parked events at once
 * and never races the applier.
 */
interface Decisions {

    <T> T decide(UUID trackingId, Function<Applier, T> work);

    Optional<Decoded> decodedEvent(UUID trackingId);
}
