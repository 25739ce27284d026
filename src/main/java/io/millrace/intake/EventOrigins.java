package io.millrace.intake;

import io.millrace.eventlog.Receipt;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The origins of accepted events that a binding mapped (see {@link EventOrigin}). Recorded right
 * after the append; the first origin recorded for a tracking id is kept, so a message delivered
 * again (its events answered as duplicates) completes an origin a crash kept from being written
 * and never replaces one.
 */
public interface EventOrigins {

    /** {@code origins} parallel to {@code receipts}; a null origin records nothing. */
    void record(List<Receipt> receipts, List<EventOrigin> origins);

    Optional<EventOrigin> find(UUID trackingId);
}
