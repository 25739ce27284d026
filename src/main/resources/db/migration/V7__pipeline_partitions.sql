-- Applying shared out by partition (serve --kafka-bootstrap, ADR 0005). The instances of one
-- consumer group divide the partitions of the events topic; an instance applies a partition's
-- records in a transaction that locks the partition's row, so a partition is only ever applied
-- by one transaction at a time, whichever instance the group gave it to.

-- next_offset: every record of the partition before it has been taken up (posted, parked or
-- raised); generation grows with every commit that touched the partition, so an instance sees
-- whether another one changed the partition's parked events since it last read them.
CREATE TABLE pipeline_partition (
    topic        VARCHAR(249) NOT NULL,
    partition_no INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    generation   BIGINT       NOT NULL,
    CONSTRAINT pipeline_partition_pk PRIMARY KEY (topic, partition_no)
);

-- One row per plant. Partitions are applied in parallel; every transaction that changes the books
-- of a plant locks its row first, in plant order, so that two of them never wait for each other's
-- stock or order rows in opposite orders (a deadlock) but queue on the plant instead.
CREATE TABLE pipeline_plant_lock (
    plant VARCHAR(64) NOT NULL PRIMARY KEY
);
