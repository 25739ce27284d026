package io.millrace.erp;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A production order the ERP has released: {@code erpId} and {@code revision} (its write date)
 * identify the version, so that an event id derived from them is the same every time it is read.
 */
public record ReleasedOrder(long erpId, String orderId, String plant, String item, BigDecimal quantity, String uom,
                            Instant revision) {
}
