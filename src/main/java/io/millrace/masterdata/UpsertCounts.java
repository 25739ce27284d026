package io.millrace.masterdata;

/** How many records of one kind an upsert created, updated and found unchanged. */
public record UpsertCounts(int created, int updated, int unchanged) {
}
