package io.millrace.simulator;

/**
 * Choices about the generated traffic.
 *
 * @param earlyEvents deliberately send some events before what they depend on (an order release or
 *                    a goods receipt held back for a few events), so the hub has to park and retry
 *                    them; off by default
 * @param currency    the currency of supplier invoices (the company currency)
 */
public record TrafficOptions(boolean earlyEvents, String currency) {

    public TrafficOptions {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as EUR, not " + currency);
        }
    }

    public static TrafficOptions defaults() {
        return new TrafficOptions(false, "EUR");
    }

    public TrafficOptions withEarlyEvents(boolean early) {
        return new TrafficOptions(early, currency);
    }
}
