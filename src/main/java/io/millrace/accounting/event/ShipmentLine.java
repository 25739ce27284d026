package io.millrace.accounting.event;

import java.math.BigDecimal;

public record ShipmentLine(int soLine, String item, String lot, String location, BigDecimal quantity, String uom) {
}
