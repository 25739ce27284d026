package io.millrace.erp;

/** A move in the ERP: its {@code reference} (the Millrace entry id), ERP id, number and whether it is posted. */
public record ErpMove(String reference, long id, String number, boolean posted) {
}
