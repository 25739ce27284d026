package io.millrace.accounting.event;

import java.math.BigDecimal;

public record OperationConfirmed(String orderId, String operation, String workCenter, BigDecimal yieldQuantity,
                                 BigDecimal laborMinutes, BigDecimal machineMinutes) implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.operation.confirmed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }
}
