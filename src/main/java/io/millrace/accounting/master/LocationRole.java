package io.millrace.accounting.master;

/** What a storage location is used for; backflush draws from the plant's SUPPLY locations. */
public enum LocationRole {
    STORE, SUPPLY, FG, QUALITY, SHIPPING
}
