package io.millrace.erp;

import io.millrace.erp.ErpReferenceData.Refusal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/erp/status}: the ERP, whether the last call reached it, the circuit state,
 * the delivery backlog (pending, refused, delivered entries, age of the oldest pending one) and
 * the last synchronisations with the reference records refused by the last one.
 */
public record ErpStatus(String erp, String kind, String url, String connection, Instant lastContact,
                        String lastError, String circuit, String deliveryMode, Backlog delivery,
                        List<ErpDeliveries.SyncState> synchronisations, List<Refusal> referenceRefusals,
                        String eventSource, List<ReleasedOrderIntake.Release> recentReleases) {

    public record Backlog(long pending, long refused, long delivered, double lagSeconds, Instant lastDeliveredAt) {
    }
}
