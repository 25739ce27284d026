package io.millrace.eventlog;

/** How many events of the log are in each processing state. */
public record Backlog(long pending, long parked, long posted, long exceptions) {
}
