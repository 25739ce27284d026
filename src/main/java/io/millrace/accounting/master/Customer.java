package io.millrace.accounting.master;

public record Customer(String code, String name) {
}
