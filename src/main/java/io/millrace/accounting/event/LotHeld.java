package io.millrace.accounting.event;

import java.math.BigDecimal;

public record LotHeld(String item, String lot, String location, BigDecimal quantity, String reasonCode)
        implements ManufacturingEvent {
    public static final String TYPE = "mfg.quality.lot.held";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String businessKey() {
        return ManufacturingEvent.lotKey(item, lot);
    }
}
