package io.millrace.accounting.master;

import java.util.List;

/** Bill of material: the components of one unit of {@code item}. */
public record Bom(String item, List<BomComponent> components) {
    public Bom {
        components = List.copyOf(components);
    }
}
