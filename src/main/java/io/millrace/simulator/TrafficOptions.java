package io.millrace.simulator;

/**
 * Choices about the generated traffic.
 *
 * @param earlyEvents   deliberately send some events before what they depend on (an order release or
 *                      a goods receipt held back for a few events), so the hub has to park and retry
 *                      them; off by default
 * @param currency      the currency of supplier invoices (the company currency)
 * @param commutingOnly leave out what makes an event's effect depend on the state of other business
 *                      keys at the moment it is applied: backflushed completions (they draw whatever
 *                      lots are at the SUPPLY location first-in first-out, competing with the explicit
 *                      consumptions of other orders), count adjustments (they set an absolute
 *                      quantity, so they do not commute with a receipt of the same lot) and shipments
 *                      from lots that quality inspects (a hold competes with them for unrestricted
 *                      stock).
 *                      Such a stream ends in the same books however its business keys are
 *                      interleaved (ADR 0004); off by default
 */
public record TrafficOptions(boolean earlyEvents, String currency, boolean commutingOnly) {

    public TrafficOptions {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, not " + currency);
        }
    }

    public TrafficOptions(boolean earlyEvents, String currency) {
        this(earlyEvents, currency, false);
    }

    public static TrafficOptions defaults() {
        return new TrafficOptions(false, "EUR", false);
    }

    public TrafficOptions withEarlyEvents(boolean early) {
        return new TrafficOptions(early, currency, commutingOnly);
    }

    public TrafficOptions withCommutingOnly(boolean commuting) {
        return new TrafficOptions(earlyEvents, currency, commuting);
    }
}
