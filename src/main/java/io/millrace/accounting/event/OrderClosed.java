package io.millrace.accounting.event;

public record OrderClosed(String orderId) implements ManufacturingEvent {
    public static final String TYPE = "mfg.production.order.closed";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "order:" + orderId;
    }

    @Override
    public boolean closing() {
        return true;
    }
}
