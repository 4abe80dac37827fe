-- Novation history database, version 1. Portable SQL: runs unchanged on SQLite and PostgreSQL.
-- Amounts are the engine's integers (quote quantums, base quantums, price units); times are epoch ms.

CREATE TABLE history_watermark (
    id INTEGER PRIMARY KEY,
    applied_sequence BIGINT NOT NULL,
    last_time_ms BIGINT NOT NULL
);
INSERT INTO history_watermark (id, applied_sequence, last_time_ms) VALUES (1, 0, -1);

CREATE TABLE history_accounts (
    address VARCHAR(42) PRIMARY KEY,
    first_sequence BIGINT NOT NULL
);

CREATE TABLE history_markets (
    ticker VARCHAR(64) PRIMARY KEY,
    market_id INTEGER NOT NULL,
    oracle_id INTEGER NOT NULL
);

CREATE TABLE history_fills (
    address VARCHAR(42) NOT NULL,
    sequence BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    subaccount INTEGER NOT NULL,
    time_ms BIGINT NOT NULL,
    market_id INTEGER NOT NULL,
    side VARCHAR(4) NOT NULL,
    liquidity VARCHAR(5) NOT NULL,
    size BIGINT NOT NULL,
    price BIGINT NOT NULL,
    quote_amount BIGINT NOT NULL,
    fee BIGINT NOT NULL,
    counterparty VARCHAR(42) NOT NULL,
    counterparty_subaccount INTEGER NOT NULL,
    PRIMARY KEY (address, sequence, ordinal)
);

CREATE TABLE history_funding (
    address VARCHAR(42) NOT NULL,
    sequence BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    subaccount INTEGER NOT NULL,
    time_ms BIGINT NOT NULL,
    market_id INTEGER NOT NULL,
    amount BIGINT NOT NULL,
    cumulative_index BIGINT NOT NULL,
    PRIMARY KEY (address, sequence, ordinal)
);

CREATE TABLE history_liquidations (
    address VARCHAR(42) NOT NULL,
    sequence BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    subaccount INTEGER NOT NULL,
    time_ms BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    market_id INTEGER NOT NULL,
    size BIGINT NOT NULL,
    quote_amount BIGINT NOT NULL,
    bankruptcy_quote BIGINT NOT NULL,
    insurance_fund_delta BIGINT NOT NULL,
    counterparty VARCHAR(42),
    counterparty_subaccount INTEGER NOT NULL,
    PRIMARY KEY (address, sequence, ordinal)
);

CREATE TABLE history_transfers (
    address VARCHAR(42) NOT NULL,
    sequence BIGINT NOT NULL,
    ordinal INTEGER NOT NULL,
    subaccount INTEGER NOT NULL,
    time_ms BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    asset_id INTEGER NOT NULL,
    amount BIGINT NOT NULL,
    reference BIGINT NOT NULL,
    PRIMARY KEY (address, sequence, ordinal)
);

CREATE TABLE history_pnl (
    address VARCHAR(42) NOT NULL,
    hour_ms BIGINT NOT NULL,
    subaccount INTEGER NOT NULL,
    sequence BIGINT NOT NULL,
    realized BIGINT NOT NULL,
    unrealized BIGINT NOT NULL,
    PRIMARY KEY (address, hour_ms, subaccount)
);

CREATE TABLE history_candles (
    oracle_id INTEGER NOT NULL,
    interval_ms BIGINT NOT NULL,
    bucket_ms BIGINT NOT NULL,
    open_price BIGINT NOT NULL,
    high_price BIGINT NOT NULL,
    low_price BIGINT NOT NULL,
    close_price BIGINT NOT NULL,
    updates BIGINT NOT NULL,
    PRIMARY KEY (oracle_id, interval_ms, bucket_ms)
);
