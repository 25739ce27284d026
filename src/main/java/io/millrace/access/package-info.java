/**
 * Who may call the hub: API keys (stored only as hashes), their role (producer, auditor,
 * operator, admin), a producer's scope of sources, plants and event types, and its rate.
 * Controllers receive the authenticated {@link io.millrace.access.Caller} as a method argument.
 */
package io.millrace.access;
