-- Master data the events refer to. Codes follow events.md (1-64 characters); quantities keep
-- 6 decimals and prices, rates and costs 4, with at most 18 digits before the point.

CREATE TABLE md_plant (
    code VARCHAR(64) PRIMARY KEY,
    name VARCHAR(256)
);

CREATE TABLE md_location (
    code  VARCHAR(64) PRIMARY KEY,
    plant VARCHAR(64) NOT NULL REFERENCES md_plant (code),
    role  VARCHAR(16) NOT NULL
);
CREATE INDEX md_location_plant ON md_location (plant);

CREATE TABLE md_item (
    code            VARCHAR(64) PRIMARY KEY,
    description     VARCHAR(256),
    valuation_class VARCHAR(16) NOT NULL,
    base_uom        VARCHAR(16) NOT NULL,
    standard_cost   NUMERIC(22, 4) NOT NULL
);

CREATE TABLE md_bom (
    item VARCHAR(64) PRIMARY KEY REFERENCES md_item (code)
);

CREATE TABLE md_bom_component (
    item         VARCHAR(64) NOT NULL REFERENCES md_bom (item),
    position     INTEGER NOT NULL,
    component    VARCHAR(64) NOT NULL REFERENCES md_item (code),
    quantity_per NUMERIC(24, 6) NOT NULL,
    PRIMARY KEY (item, position),
    CONSTRAINT md_bom_component_once UNIQUE (item, component)
);

CREATE TABLE md_work_center (
    code         VARCHAR(64) PRIMARY KEY,
    plant        VARCHAR(64) NOT NULL REFERENCES md_plant (code),
    labor_rate   NUMERIC(22, 4) NOT NULL,
    machine_rate NUMERIC(22, 4) NOT NULL,
    cost_center  VARCHAR(64) NOT NULL
);

CREATE TABLE md_supplier (
    code VARCHAR(64) PRIMARY KEY,
    name VARCHAR(256)
);

CREATE TABLE md_customer (
    code VARCHAR(64) PRIMARY KEY,
    name VARCHAR(256)
);

CREATE TABLE md_purchase_order (
    po_number VARCHAR(64) PRIMARY KEY,
    supplier  VARCHAR(64) NOT NULL REFERENCES md_supplier (code),
    plant     VARCHAR(64) NOT NULL REFERENCES md_plant (code)
);

CREATE TABLE md_purchase_order_line (
    po_number  VARCHAR(64) NOT NULL REFERENCES md_purchase_order (po_number),
    line       INTEGER NOT NULL,
    item       VARCHAR(64) NOT NULL REFERENCES md_item (code),
    quantity   NUMERIC(24, 6) NOT NULL,
    unit_price NUMERIC(22, 4) NOT NULL,
    PRIMARY KEY (po_number, line)
);

CREATE TABLE md_sales_order (
    so_number VARCHAR(64) PRIMARY KEY,
    customer  VARCHAR(64) NOT NULL REFERENCES md_customer (code),
    plant     VARCHAR(64) NOT NULL REFERENCES md_plant (code)
);

CREATE TABLE md_sales_order_line (
    so_number  VARCHAR(64) NOT NULL REFERENCES md_sales_order (so_number),
    line       INTEGER NOT NULL,
    item       VARCHAR(64) NOT NULL REFERENCES md_item (code),
    quantity   NUMERIC(24, 6) NOT NULL,
    unit_price NUMERIC(22, 4) NOT NULL,
    PRIMARY KEY (so_number, line)
);

-- One row, incremented by every upsert that changes something: hub instances sharing the
-- database compare it with the version of their cached master data and reload when it moved.
CREATE TABLE master_data_version (
    id      INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO master_data_version (id, version) VALUES (1, 0);
