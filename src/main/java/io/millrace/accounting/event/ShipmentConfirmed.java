package io.millrace.accounting.event;

import java.util.List;

public record ShipmentConfirmed(String shipmentId, String salesOrder, String customer, List<ShipmentLine> lines)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.fulfillment.shipment.confirmed";

    public ShipmentConfirmed {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "so:" + salesOrder;
    }
}
