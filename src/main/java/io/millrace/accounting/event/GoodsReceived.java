package io.millrace.accounting.event;

import java.math.BigDecimal;

public record GoodsReceived(String receiptId, String purchaseOrder, int poLine, String item, String lot,
                            BigDecimal quantity, String uom, String location) implements ManufacturingEvent {
    public static final String TYPE = "mfg.procurement.goods.received";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return "po:" + purchaseOrder;
    }
}
