package io.millrace.accounting.master;

public record Plant(String code, String name) {
}
