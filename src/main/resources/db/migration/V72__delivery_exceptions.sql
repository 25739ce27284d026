-- Delivery exceptions: messages set aside for one subscriber after failing (dead letters), and
-- the operator's retry of a refused ERP delivery. Runs unchanged on H2 (PostgreSQL mode) and
-- PostgreSQL 15.

-- The failing head's failures in a row that were not the subscriber being unreachable, and when
-- the first of them happened: what the dead-letter limits count. Unreachable resets both.
ALTER TABLE outbox_subscriber ADD COLUMN failing_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE outbox_subscriber ADD COLUMN counted_failures INTEGER DEFAULT 0 NOT NULL;

-- A message one subscriber does not get in position order. state: DEAD (set aside after failing;
-- an open delivery exception), RETRY (an operator asked for it again; the subscriber's worker
-- sends it next), HELD (a later message of the same order key, waiting behind a dead one, sent
-- after it), DELIVERED (sent after a retry). order_key is what keeps order for the subscriber:
-- the message's subject, or its plant when it has none (the Kafka record key). reason:
-- SUBSCRIBER_REFUSED (a 4xx answer, a record Kafka will never take), DELIVERY_FAILED (failing on
-- for too long otherwise) or BEHIND_DEAD_LETTER (held).
CREATE TABLE outbox_dead_letter (
    id           UUID          NOT NULL PRIMARY KEY,
    subscriber   VARCHAR(200)  NOT NULL,
    position     BIGINT        NOT NULL,
    order_key    VARCHAR(256)  NOT NULL,
    state        VARCHAR(16)   NOT NULL,
    reason       VARCHAR(40)   NOT NULL,
    attempts     INTEGER       NOT NULL,
    last_error   VARCHAR(1000),
    dead_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    retried_by   VARCHAR(256),
    retried_at   TIMESTAMP WITH TIME ZONE,
    delivered_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT outbox_dead_letter_position UNIQUE (subscriber, position)
);
CREATE INDEX outbox_dead_letter_key ON outbox_dead_letter (subscriber, order_key, state);
CREATE INDEX outbox_dead_letter_state ON outbox_dead_letter (state, dead_at);

-- A refused ERP delivery is a delivery exception: when it was refused, and who retried it.
ALTER TABLE erp_delivery ADD COLUMN refused_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE erp_delivery ADD COLUMN retried_by VARCHAR(256);
ALTER TABLE erp_delivery ADD COLUMN retried_at TIMESTAMP WITH TIME ZONE;
-- The delivery exception a refusal raises: one per move reference (a summary's entries share it).
ALTER TABLE erp_delivery ADD COLUMN exception_id UUID;
CREATE INDEX erp_delivery_exception ON erp_delivery (exception_id);
