package io.millrace.accounting.master;

public record Location(String code, String plant, LocationRole role) {
}
