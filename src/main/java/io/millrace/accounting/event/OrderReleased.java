package io.millrace.accounting.event;

import java.math.BigDecimal;

public record OrderReleased(String orderId, String item, BigDecimal quantity, String uom)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.order.released";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }
}
