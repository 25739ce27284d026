/**
 * The operator console: one page, served without a key, that asks for an API key and shows the
 * backlog, open exceptions (with retry, approve and discard), the trial balance, inventory and
 * the lineage of an event, all through the public HTTP API.
 */
package io.millrace.console;
