package io.millrace.accounting.master;

public record Supplier(String code, String name) {
}
