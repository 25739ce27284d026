package io.millrace.accounting.event;

import java.math.BigDecimal;

/**
 * Material consumed by a production order, in the shape of the type's latest version (v2): the
 * {@code operation} of the routing that consumed it is null when the producer did not say (every
 * v1 event). Posting does not depend on it; it travels with the event for costing by operation.
 */
public record MaterialConsumed(String orderId, String operation, String item, String lot, BigDecimal quantity,
                               String uom, String location) implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.material.consumed";

    /** A consumption that names no operation, as every v1 event. */
    public MaterialConsumed(String orderId, String item, String lot, BigDecimal quantity, String uom, String location) {
        this(orderId, null, item, lot, quantity, uom, location);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }
}
