package io.millrace.accounting.event;

import java.math.BigDecimal;

public record LotReleased(String item, String lot, String location, BigDecimal quantity)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.quality.lot.released";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return ManufacturingEvent.lotKey(item, lot);
    }
}
