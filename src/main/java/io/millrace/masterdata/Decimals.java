package io.millrace.masterdata;

import java.math.BigDecimal;

/**
 * The one canonical form of the decimals of master data, so that a value read from a request
 * equals the same value read back from either database: trailing zeros dropped, prices, rates
 * and costs keeping at least 2 decimals, quantities at least none.
 */
final class Decimals {

    static final int QUANTITY_SCALE = 6;
    static final int PRICE_SCALE = 4;
    /** Digits before the decimal point that the columns hold. */
    static final int INTEGER_DIGITS = 18;

    private Decimals() {
    }

    static BigDecimal quantity(BigDecimal value) {
        return atLeast(value, 0);
    }

    static BigDecimal price(BigDecimal value) {
        return atLeast(value, 2);
    }

    private static BigDecimal atLeast(BigDecimal value, int scale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < scale ? stripped.setScale(scale) : stripped;
    }

    /** Decimals a value really has (trailing zeros do not count). */
    static int decimals(BigDecimal value) {
        return Math.max(0, value.stripTrailingZeros().scale());
    }

    static int integerDigits(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return Math.max(0, stripped.precision() - stripped.scale());
    }
}
