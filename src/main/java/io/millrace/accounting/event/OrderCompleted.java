package io.millrace.accounting.event;

import java.math.BigDecimal;

/** {@code backflush} is optional in the JSON and defaults to false. */
public record OrderCompleted(String orderId, String item, String lot, BigDecimal quantity, String uom,
                             String location, Boolean backflush) implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.order.completed";

    public OrderCompleted {
        backflush = Boolean.TRUE.equals(backflush);
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
