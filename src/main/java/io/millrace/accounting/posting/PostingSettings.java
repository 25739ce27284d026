package io.millrace.accounting.posting;

import io.millrace.accounting.ledger.AccountDetermination;
import io.millrace.accounting.ledger.ChartOfAccounts;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Configuration of the posting rules.
 *
 * @param priceTolerance  relative price difference an invoice line may have from the PO price
 *                        (0.05 = 5 %)
 * @param outputTaxRate   tax rate on shipments, credited to the output tax account; null for none
 * @param periodZone      the zone in which an event's time is turned into a posting date
 */
public record PostingSettings(ChartOfAccounts chart, AccountDetermination accounts, BigDecimal priceTolerance,
                              BigDecimal outputTaxRate, ZoneId periodZone) {
    public PostingSettings {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(priceTolerance, "priceTolerance");
        Objects.requireNonNull(periodZone, "periodZone");
        if (priceTolerance.signum() < 0) {
            throw new IllegalArgumentException("price tolerance must not be negative: " + priceTolerance);
        }
        if (outputTaxRate != null && outputTaxRate.signum() < 0) {
            throw new IllegalArgumentException("tax rate must not be negative: " + outputTaxRate);
        }
    }

    public static PostingSettings defaults() {
        return new PostingSettings(ChartOfAccounts.defaults(), AccountDetermination.defaults(),
                new BigDecimal("0.05"), null, ZoneOffset.UTC);
    }

    public PostingSettings withPriceTolerance(BigDecimal tolerance) {
        return new PostingSettings(chart, accounts, tolerance, outputTaxRate, periodZone);
    }

    public PostingSettings withOutputTaxRate(BigDecimal rate) {
        return new PostingSettings(chart, accounts, priceTolerance, rate, periodZone);
    }

    public PostingSettings withAccounts(AccountDetermination determination) {
        return new PostingSettings(chart, determination, priceTolerance, outputTaxRate, periodZone);
    }
}
