package io.millrace.erp;

import io.millrace.erp.tryton.TrytonClient;
import io.millrace.erp.tryton.TrytonErp;
import io.millrace.testing.TrytonServer;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ERP contract against a real Tryton 6.0 server. */
class TrytonErpContractIT extends ErpContract {

    private static TrytonServer server;
    private static TrytonErp erp;

    @BeforeAll
    static void startTryton() {
        server = TrytonServer.start();
        TrytonClient client = new TrytonClient(server.url(), "admin", TrytonServer.ADMIN_PASSWORD,
                Duration.ofSeconds(5), Duration.ofSeconds(60));
        erp = new TrytonErp(client, "STO", ReferenceMapping.defaults());
        TrytonTestData.parties(client, Map.of("C-BETA", "Beta Machines", "S-ACME", "Acme Steel"));
    }

    @AfterAll
    static void stopTryton() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Erp erp() {
        return erp;
    }

    @Override
    protected void closePeriod(YearMonth period) {
        TrytonTestData.period(erp.client(), period, "close");
    }

    @Override
    protected void reopenPeriod(YearMonth period) {
        TrytonTestData.period(erp.client(), period, "reopen");
    }
}
