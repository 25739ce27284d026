package io.millrace.accounting.event;

import java.math.BigDecimal;

/** {@code toPlant} is optional and defaults to the event's plant (null here means that). */
public record StockTransferred(String transferId, String item, String lot, BigDecimal quantity, String uom,
                               String fromLocation, String toLocation, String toPlant) implements ManufacturingEvent {
    public static final String TYPE = "mfg.inventory.stock.transferred";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return ManufacturingEvent.lotKey(item, lot);
    }

    /** The receiving plant: {@code toPlant}, or the event's plant when it is absent. */
    public String receivingPlant(String eventPlant) {
        return toPlant == null || toPlant.isBlank() ? eventPlant : toPlant;
    }
}
