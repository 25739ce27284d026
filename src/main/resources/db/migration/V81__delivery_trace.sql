-- Delivery continues the trace of the event it delivers. Runs unchanged on H2 (PostgreSQL mode)
-- and PostgreSQL 15.

-- The W3C traceparent of the work that wrote the message (applying its event): delivering it is
-- a child of that work, so subscribers continue the producer's trace. Null for messages written
-- before, or outside any trace.
ALTER TABLE outbox_message ADD COLUMN traceparent VARCHAR(55);

-- The journal message's correlation id and traceparent, kept with the delivery, so that
-- delivering the entry into the ERP happens in its event's trace and log context.
ALTER TABLE erp_delivery ADD COLUMN correlation_id VARCHAR(256);
ALTER TABLE erp_delivery ADD COLUMN traceparent VARCHAR(55);
