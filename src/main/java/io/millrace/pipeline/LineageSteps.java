package io.millrace.pipeline;

import java.util.List;
import java.util.UUID;

/**
 * Steps of an event's lineage that happen outside the pipeline (such as the delivery of its
 * journal entries into the ERP). Every bean of this type is asked when a lineage is shown; its
 * steps are placed by time among the pipeline's.
 */
public interface LineageSteps {

    List<Lineage.StepView> stepsOf(UUID trackingId);
}
