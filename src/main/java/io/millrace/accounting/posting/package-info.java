/**
 * The posting engine: turns one accepted event into an {@link io.millrace.accounting.posting.Outcome}
 * by the rules of postings.md, one {@link io.millrace.accounting.posting.PostingRule} per event
 * type. Rules compute against a {@link io.millrace.accounting.posting.Workspace} that buffers
 * every change; only a {@code Posted} outcome writes the buffer to the books, so a parked or
 * rejected event changes nothing.
 */
package io.millrace.accounting.posting;
