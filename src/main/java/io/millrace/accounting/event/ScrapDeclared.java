package io.millrace.accounting.event;

import java.math.BigDecimal;

public record ScrapDeclared(String orderId, BigDecimal quantity, String uom, String reasonCode)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.scrap.declared";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }
}
