package io.millrace.access;

/** The one role of an API key. */
public enum Role {
    /** Publishes events within its scope, reads the catalog and the events it published. */
    PRODUCER,
    /** Reads everything. */
    AUDITOR,
    /** Reads everything and acts on exceptions. */
    OPERATOR,
    /** Everything, including keys and master data. */
    ADMIN;

    public boolean readsEverything() {
        return this != PRODUCER;
    }

    public boolean actsOnExceptions() {
        return this == OPERATOR || this == ADMIN;
    }
}
