package io.millrace.accounting.master;

import java.util.List;
import java.util.Optional;

public record PurchaseOrder(String number, String supplier, String plant, List<PurchaseOrderLine> lines) {
    public PurchaseOrder {
        lines = List.copyOf(lines);
    }

    public Optional<PurchaseOrderLine> line(int lineNumber) {
        return lines.stream().filter(l -> l.line() == lineNumber).findFirst();
    }
}
