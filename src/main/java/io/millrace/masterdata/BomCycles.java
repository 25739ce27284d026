package io.millrace.masterdata;

import io.millrace.accounting.master.Bom;
import io.millrace.accounting.master.BomComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds bills of material that would contain themselves, directly or through other BOMs, stored
 * or in the request (a request's BOM replaces the stored one of the same item). Each component
 * of a submitted BOM that leads back to its parent is reported with the path of the cycle.
 */
final class BomCycles {

    private final Submission submission;
    private final Map<String, List<String>> graph = new HashMap<>();

    BomCycles(Submission submission, MasterDataSnapshot stored) {
        this.submission = submission;
        stored.boms().forEach((item, bom) -> graph.put(item, componentsOf(bom)));
        submission.boms.forEach(e -> graph.put(e.value().item(), componentsOf(e.value())));
    }

    void report() {
        for (Entry<Bom> e : submission.boms) {
            String parent = e.value().item();
            List<BomComponent> components = e.value().components();
            for (int j = 0; j < components.size(); j++) {
                List<String> path = pathTo(components.get(j).item(), parent);
                if (path != null) {
                    path.add(0, parent);
                    submission.errors.add(e.parts().get(j).error("item", "component '" + components.get(j).item()
                            + "' makes the bill of material cyclic: " + String.join(" → ", path)));
                }
            }
        }
    }

    /** A path of items from {@code from} to {@code target} (both included), or null. */
    private List<String> pathTo(String from, String target) {
        Map<String, String> cameFrom = new HashMap<>();
        Set<String> visited = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        visited.add(from);
        while (!queue.isEmpty()) {
            String item = queue.poll();
            if (item.equals(target)) {
                List<String> path = new ArrayList<>();
                for (String step = item; step != null; step = cameFrom.get(step)) {
                    path.add(0, step);
                }
                return path;
            }
            for (String next : graph.getOrDefault(item, List.of())) {
                if (visited.add(next)) {
                    cameFrom.put(next, item);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private static List<String> componentsOf(Bom bom) {
        return bom.components().stream().map(BomComponent::item).toList();
    }
}
