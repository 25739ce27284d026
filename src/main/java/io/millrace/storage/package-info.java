/**
 * Storage set-up shared by every module: the embedded H2 database (durable on commit) or
 * PostgreSQL, and the Flyway migrations under {@code db/migration} that run on both.
 */
package io.millrace.storage;
