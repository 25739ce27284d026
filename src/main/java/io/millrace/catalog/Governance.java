package io.millrace.catalog;

/**
 * Who answers for an event type, where it stands in its lifecycle, and what it does to the books,
 * in words an accountant and a plant engineer both read.
 */
public record Governance(String owner, TypeStatus status, String accountingEffect) {

    public Governance {
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("an event type needs an owner");
        }
        if (status == null) {
            throw new IllegalArgumentException("an event type needs a status");
        }
        if (accountingEffect == null || accountingEffect.isBlank()) {
            throw new IllegalArgumentException("an event type needs a description of its accounting effect");
        }
    }
}
