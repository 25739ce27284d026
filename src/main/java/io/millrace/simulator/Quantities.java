package io.millrace.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How many decimals a quantity may carry in a unit of measure: counted units are whole numbers,
 * measured ones (kg, l, m...) keep three decimals, well inside the six that events allow.
 */
final class Quantities {

    private static final Set<String> COUNTED = Set.of("ea", "pc", "pcs", "st", "unit", "units", "box", "pal");

    private Quantities() {
    }

    static int scale(String uom) {
        return COUNTED.contains(uom.toLowerCase(java.util.Locale.ROOT)) ? 0 : 3;
    }

    static BigDecimal up(BigDecimal value, String uom) {
        return value.setScale(scale(uom), RoundingMode.CEILING);
    }

    static BigDecimal down(BigDecimal value, String uom) {
        return value.setScale(scale(uom), RoundingMode.FLOOR);
    }

    static BigDecimal nearest(BigDecimal value, String uom) {
        return value.setScale(scale(uom), RoundingMode.HALF_UP);
    }

    /** A quantity between {@code low} and {@code high} (inclusive) in the unit's precision. */
    static BigDecimal between(RandomGenerator random, BigDecimal low, BigDecimal high, String uom) {
        BigDecimal span = high.subtract(low);
        BigDecimal drawn = low.add(span.multiply(BigDecimal.valueOf(random.nextDouble())));
        BigDecimal q = nearest(drawn, uom);
        return q.compareTo(low) < 0 ? up(low, uom) : q.min(high);
    }

    /** Multiplies by a factor such as 1.02, kept to four decimals so that results stay exact. */
    static BigDecimal times(BigDecimal value, double factor) {
        return value.multiply(BigDecimal.valueOf(factor).setScale(4, RoundingMode.HALF_UP));
    }

    /** The plain JSON form: no trailing zeros, never an exponent. */
    static BigDecimal json(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static boolean positive(BigDecimal value) {
        return value.signum() > 0;
    }
}
