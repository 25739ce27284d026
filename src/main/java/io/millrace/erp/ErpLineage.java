package io.millrace.erp;

import io.millrace.pipeline.Lineage;
import io.millrace.pipeline.LineageSteps;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts the ERP delivery of each of an event's journal entries into its lineage: step
 * {@code ERP_DELIVERY} with the state as reason ({@code PENDING}, {@code DELIVERED},
 * {@code REFUSED}) and, as message, the ERP move number or the ERP's last error.
 */
final class ErpLineage implements LineageSteps {

    static final String STEP = "ERP_DELIVERY";

    private final ErpDeliveries deliveries;
    private final String erp;

    ErpLineage(ErpDeliveries deliveries, String erp) {
        this.deliveries = deliveries;
        this.erp = erp;
    }

    @Override
    public List<Lineage.StepView> stepsOf(UUID trackingId) {
        List<Lineage.StepView> steps = new ArrayList<>();
        for (Delivery d : deliveries.ofEvent(trackingId)) {
            String message = switch (d.state()) {
                case DELIVERED -> d.moveNumber() == null ? "entry " + d.entryId() + " nets to zero in its summary "
                        + d.reference() + "; no move" : "entry " + d.entryId() + " is move " + d.moveNumber()
                        + " (id " + d.moveId() + ") in " + erp + (d.reference().equals(d.entryId()) ? ""
                        : ", summary " + d.reference());
                case REFUSED -> "entry " + d.entryId() + " refused by " + erp + ": " + d.lastError();
                case PENDING -> "entry " + d.entryId() + " waits for delivery to " + erp
                        + (d.lastError() == null ? "" : " (" + d.attempts() + " failed attempt(s), last: "
                        + d.lastError() + ")");
            };
            steps.add(new Lineage.StepView(STEP, d.updatedAt(), d.state().name(), message, "erp:" + erp,
                    new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
        return steps;
    }
}
