package io.millrace.accounting.master;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How much company currency one unit of {@code currency} is worth from {@code validFrom} on, until
 * the next rate of that currency.
 */
public record ExchangeRate(String currency, LocalDate validFrom, BigDecimal rate) {
}
