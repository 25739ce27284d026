package io.millrace.accounting.master;

import java.math.BigDecimal;

/** A work centre with its labour and machine rates per minute. */
public record WorkCenter(String code, String plant, BigDecimal laborRate, BigDecimal machineRate,
                         String costCenter) {
}
