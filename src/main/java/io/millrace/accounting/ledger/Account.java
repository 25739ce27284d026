package io.millrace.accounting.ledger;

/** A general-ledger account of the chart. */
public record Account(String code, String name) {
}
