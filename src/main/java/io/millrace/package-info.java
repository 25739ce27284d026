/**
 * Millrace, an event-driven integration hub between manufacturing plants and finance.
 *
 * <p>A modular monolith: each sub-package is one module with its purpose stated in its own
 * {@code package-info.java}. The accounting core ({@code accounting}) is plain Java; the other
 * modules are Spring components, and adapters (web, JDBC, Kafka) sit at their edges.
 */
package io.millrace;
