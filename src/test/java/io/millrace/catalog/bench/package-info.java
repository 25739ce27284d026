/**
 * JMH benchmarks of the event catalog's validation, the per-event cost on the intake hot path.
 * Run {@link io.millrace.catalog.bench.CatalogValidationBenchmark#main} on the test classpath.
 */
package io.millrace.catalog.bench;
