package io.millrace.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.web.FieldError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The decimal limits hold exactly for any value: whether a number passes depends only on its
 * decimals after dropping trailing zeros, never on binary floating point.
 */
class DecimalPrecisionTest {

    private static final String INVOICE = "mfg.procurement.invoice.received";
    private final EventCatalog catalog = Examples.CATALOG;

    @RepeatedTest(200)
    void quantitiesPassExactlyWhenTheyHaveAtMostSixDecimals(RepetitionInfo repetition) {
        Random random = new Random(4_2026L + repetition.getCurrentRepetition());
        BigDecimal value = randomPositive(random);
        ObjectNode event = Examples.with(Examples.of(INVOICE), "/data/lines/0/quantity", value.toString());

        boolean allowed = value.stripTrailingZeros().scale() <= 6 && value.compareTo(BigDecimal.TEN.pow(12)) < 0;
        if (allowed) {
            assertThat(catalog.validate(event)).as(value.toString()).isEmpty();
        } else if (value.stripTrailingZeros().scale() > 6) {
            assertThat(catalog.validate(event)).as(value.toString())
                    .contains(FieldError.at("/data/lines/0/quantity", "must have at most 6 decimals"));
        }
    }

    @RepeatedTest(200)
    void pricesPassExactlyWhenTheyHaveAtMostFourDecimals(RepetitionInfo repetition) {
        Random random = new Random(7_2026L + repetition.getCurrentRepetition());
        BigDecimal value = randomPositive(random);
        ObjectNode event = Examples.with(Examples.of(INVOICE), "/data/lines/1/unitPrice", value.toString());

        if (value.stripTrailingZeros().scale() <= 4) {
            assertThat(catalog.validate(event)).as(value.toString()).isEmpty();
        } else {
            assertThat(catalog.validate(event)).as(value.toString())
                    .containsExactly(FieldError.at("/data/lines/1/unitPrice", "must have at most 4 decimals"));
        }
    }

    @Test
    void valuesThatBinaryFloatingPointWouldBlurAreJudgedExactly() {
        // 0.1 + 0.2 style values: as doubles these are off in the 17th digit.
        assertThat(validQuantity("0.300000")).isTrue();
        assertThat(validQuantity("4.35")).isTrue();
        assertThat(validQuantity("1.0000001")).isFalse();
        assertThat(validQuantity("999999999999.000001")).isTrue();
        assertThat(validQuantity("999999999999.0000001")).isFalse();
        assertThat(validQuantity("12345678901.2345675")).isFalse();
    }

    private boolean validQuantity(String value) {
        return catalog.validate(Examples.with(Examples.of(INVOICE), "/data/lines/0/quantity", value)).isEmpty();
    }

    /** Up to 12 integer digits and up to 9 decimals, sometimes with trailing zeros or in exponent form. */
    private static BigDecimal randomPositive(Random random) {
        int digits = 1 + random.nextInt(20);
        BigInteger unscaled = new BigInteger(digits * 3, random).add(BigInteger.ONE);
        int scale = random.nextInt(10);
        BigDecimal value = new BigDecimal(unscaled, scale);
        if (value.precision() - value.scale() > 12) {
            value = value.movePointLeft(value.precision() - value.scale() - 12);
        }
        if (random.nextInt(4) == 0) {
            value = value.setScale(value.scale() + 1 + random.nextInt(4));
        }
        return value;
    }
}
