package io.millrace.accounting.master;

/** Decides the inventory account of an item. */
public enum ValuationClass {
    RAW, SEMI, FINISHED
}
