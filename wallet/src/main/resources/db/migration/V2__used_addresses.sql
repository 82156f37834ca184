-- Indexes of the deterministic key chain that the wallet has handed out; an address is never handed out twice.
CREATE TABLE used_address (
    address_index INT PRIMARY KEY CHECK (address_index >= 0),
    address       VARCHAR(64) NOT NULL UNIQUE,
    purpose       VARCHAR(200) NOT NULL,
    used_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
