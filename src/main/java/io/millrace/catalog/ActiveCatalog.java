package io.millrace.catalog;

/**
 * The catalog that intake validates against at this moment. The hub's is the one it ships and
 * never changes while it runs; a plant edge agent's is replaced when it learns the hub's, so intake
 * asks for it once per request instead of holding one instance.
 */
@FunctionalInterface
public interface ActiveCatalog {

    EventCatalog current();
}
