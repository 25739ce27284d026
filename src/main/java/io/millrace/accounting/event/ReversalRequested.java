package io.millrace.accounting.event;

/**
 * A request to reverse an accepted, posted event, named by its tracking id, with the reason
 * finance gives. Sent by a producer within its own source and plant, or by the hub itself for an
 * operator's reversal (source {@link #HUB_SOURCE}).
 */
public record ReversalRequested(String trackingId, String reason) implements ManufacturingEvent {
    public static final String TYPE = "mfg.correction.reversal.requested";

    /** The source of reversals an operator or admin requested through the API. */
    public static final String HUB_SOURCE = "urn:millrace:hub:corrections";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "reversal:" + trackingId;
    }
}
