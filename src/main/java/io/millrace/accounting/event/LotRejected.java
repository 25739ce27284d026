package io.millrace.accounting.event;

import java.math.BigDecimal;

public record LotRejected(String item, String lot, String location, BigDecimal quantity, Disposition disposition,
                          String reasonCode) implements ManufacturingEvent {
    public static final String TYPE = "mfg.quality.lot.rejected";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return ManufacturingEvent.lotKey(item, lot);
    }
}
