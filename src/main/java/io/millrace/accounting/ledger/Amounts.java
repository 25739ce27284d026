package io.millrace.accounting.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding of money (2 decimals) and quantities (6 decimals), half-up as postings.md requires. */
public final class Amounts {

    public static final int MONEY_SCALE = 2;
    public static final int QUANTITY_SCALE = 6;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(MONEY_SCALE);

    private Amounts() {
    }

    public static BigDecimal money(BigDecimal value) {
        return value.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal quantity(BigDecimal value) {
        return value.setScale(QUANTITY_SCALE, RoundingMode.HALF_UP);
    }

    /** The value of a quantity at a unit price, rounded to money. */
    public static BigDecimal value(BigDecimal quantity, BigDecimal unitPrice) {
        return money(quantity.multiply(unitPrice));
    }

    /**
     * The change of the rounded value of a balance when its quantity moves from {@code before} to
     * {@code after}: posting this keeps the ledger equal to the rounded value of the balance
     * exactly, however the quantities are split (see ADR 0002).
     */
    public static BigDecimal valueChange(BigDecimal before, BigDecimal after, BigDecimal unitPrice) {
        return value(after, unitPrice).subtract(value(before, unitPrice));
    }
}
