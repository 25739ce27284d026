package io.millrace.erp;

import java.time.YearMonth;
import org.junit.jupiter.api.BeforeEach;

class InMemoryErpContractTest extends ErpContract {

    private InMemoryErp erp;

    @BeforeEach
    void chart() {
        erp = standardChart(new InMemoryErp("memory:test"));
    }

    /** Millrace's default chart, receivable and payable needing a party, and the worked example's parties. */
    static InMemoryErp standardChart(InMemoryErp erp) {
        for (String code : java.util.List.of("1400", "1410", "1420", "1450", "2100", "2200", "4000", "5000", "5100",
                "5200", "5300", "5400", "5500")) {
            erp.account(code, false);
        }
        return erp.account("1200", true).account("2000", true).party("C-BETA").party("S-ACME");
    }

    @Override
    protected Erp erp() {
        return erp;
    }

    @Override
    protected void closePeriod(YearMonth period) {
        erp.closePeriod(period);
    }

    @Override
    protected void reopenPeriod(YearMonth period) {
        erp.reopenPeriod(period);
    }
}
