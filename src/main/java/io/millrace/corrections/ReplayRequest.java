package io.millrace.corrections;

import io.millrace.accounting.master.Bom;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a shadow-ledger replay runs: the accepted events in a range of positions and/or event
 * times, of some plants (all when empty), with proposed standard costs and bills of material;
 * who asked for it and why.
 */
record ReplayRequest(Long fromPosition, Long toPosition, Instant from, Instant to, Set<String> plants,
                     Map<String, BigDecimal> standardCosts, List<Bom> boms, String actor, String reason) {

    boolean inRange(long position, Instant eventTime) {
        return (fromPosition == null || position >= fromPosition) && (toPosition == null || position <= toPosition)
                && (from == null || !eventTime.isBefore(from)) && (to == null || eventTime.isBefore(to));
    }

    boolean pastRange(long position) {
        return toPosition != null && position > toPosition;
    }

    boolean includesPlant(String plant) {
        return plants.isEmpty() || plants.contains(plant);
    }
}
