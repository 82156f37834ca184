-- The local chain: every transaction is a block of its own. Its money movement is a posting of the double-entry
-- tables (one entry per input and output, account = the address), written in the same database transaction.
-- The single chain_tip row is locked by every writer, so submissions are serialised even across processes.
CREATE TABLE chain_tip (
    id     INT PRIMARY KEY CHECK (id = 1),
    height BIGINT NOT NULL CHECK (height >= 0)
);
INSERT INTO chain_tip (id, height) VALUES (1, 0);

CREATE TABLE chain_transaction (
    height     BIGINT PRIMARY KEY CHECK (height >= 1),
    tx_id      VARCHAR(64) NOT NULL UNIQUE,
    posting_id BIGINT NOT NULL UNIQUE REFERENCES posting (id),
    -- The signed transaction as submitted; NULL for coins the local chain minted.
    encoded    VARBINARY(8192)
);
