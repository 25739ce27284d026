/**
 * What operators and management watch: service levels per plant and flow (accepted to posted,
 * posted to delivered into the ERP) with business alerts through the outbox when one is breached
 * and when it recovers; the key figures of the integration ({@code GET /api/v1/kpis} and gauges);
 * the health of every background worker for the readiness probe; and the trace and log context of
 * each event. It reads the tables of the other modules and is told of outages by them; no other
 * module depends on it but for recording those, and the console for showing them.
 */
package io.millrace.observability;
