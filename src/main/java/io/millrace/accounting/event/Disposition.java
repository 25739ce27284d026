package io.millrace.accounting.event;

/** What happens to a rejected lot. */
public enum Disposition {
    SCRAP, RETURN_TO_VENDOR
}
