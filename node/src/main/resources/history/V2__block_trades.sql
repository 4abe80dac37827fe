-- Novation history database, version 2: block trade packages. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- One row per account that took part in a package (maker, taker, broker); its legs are fills in history_fills.

CREATE TABLE history_block_trades (
    address VARCHAR(42) NOT NULL,
    sequence BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    subaccount INTEGER NOT NULL,
    time_ms BIGINT NOT NULL,
    role VARCHAR(6) NOT NULL,
    package VARCHAR(66) NOT NULL,
    legs INTEGER NOT NULL,
    fee BIGINT NOT NULL,
    counterparty VARCHAR(42) NOT NULL,
    counterparty_subaccount INTEGER NOT NULL,
    PRIMARY KEY (address, sequence, ordinal)
);
