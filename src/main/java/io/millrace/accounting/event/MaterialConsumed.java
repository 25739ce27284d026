package io.millrace.accounting.event;

import java.math.BigDecimal;

public record MaterialConsumed(String orderId, String item, String lot, BigDecimal quantity, String uom,
                               String location) implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.material.consumed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }
}
