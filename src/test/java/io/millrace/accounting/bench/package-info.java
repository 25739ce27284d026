/**
 * JMH benchmarks of the accounting core alone: the posting engine over in-memory books, without
 * storage, HTTP or JSON. Run {@link io.millrace.accounting.bench.PostingEngineBenchmark#main} on
 * the test classpath.
 */
package io.millrace.accounting.bench;
