package io.millrace.accounting.books;

import java.util.List;
import java.util.Optional;

/** Progress of sales order lines (shipped). */
public interface SalesOrderLines {

    Optional<SalesOrderLineProgress> find(String salesOrder, int line);

    void save(SalesOrderLineProgress progress);

    List<SalesOrderLineProgress> all();
}
