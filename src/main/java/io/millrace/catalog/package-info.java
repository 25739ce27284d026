/**
 * The governed event catalog: the CloudEvents 1.0 envelope rules and one JSON Schema (draft
 * 2020-12) per event type and major version, shipped under {@code classpath:catalog/}. Intake
 * validates every event with {@link io.millrace.catalog.EventCatalog} and orders events by their
 * business key; {@code GET /api/v1/catalog} publishes the schemas to producers.
 */
package io.millrace.catalog;
