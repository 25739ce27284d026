package io.millrace.accounting.master;

import java.util.List;
import java.util.Optional;

public record SalesOrder(String number, String customer, String plant, List<SalesOrderLine> lines) {
    public SalesOrder {
        lines = List.copyOf(lines);
    }

    public Optional<SalesOrderLine> line(int lineNumber) {
        return lines.stream().filter(l -> l.line() == lineNumber).findFirst();
    }
}
