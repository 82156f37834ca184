package io.skywire.node.discovery;

/**
 * What a node accepts from others beyond a well-formed record: a valid signature, an expiry in the future but not
 * too far, and (unless this is a test network on one machine) no loopback addresses. It reads no clock: the
 * caller passes now.
 *
 * @param allowLoopback    true only where every node runs on 127.0.0.1 (the local test network)
 * @param maxFutureSeconds how far ahead of now an expiry may lie
 */
public record RecordPolicy(boolean allowLoopback, long maxFutureSeconds) {

    /** Default limit on how far ahead a record may expire: 24 hours. */
    public static final long DEFAULT_MAX_FUTURE_SECONDS = 24 * 3600;

    public RecordPolicy {
        if (maxFutureSeconds <= 0) {
            throw new IllegalArgumentException("maxFutureSeconds must be positive");
        }
    }

    /** Public addresses only, records valid for at most 24 h: for real networks. */
    public static RecordPolicy internet() {
        return new RecordPolicy(false, DEFAULT_MAX_FUTURE_SECONDS);
    }

    /** Like {@link #internet()} but loopback addresses allowed: for a test network on one machine. */
    public static RecordPolicy loopbackAllowed() {
        return new RecordPolicy(true, DEFAULT_MAX_FUTURE_SECONDS);
    }

    /**
     * Checks the time window, the addresses and, last because it costs most, the signature.
     *
     * @throws RecordException naming why the record is refused
     */
    public void check(NodeRecord record, long nowSeconds) throws RecordException {
        checkWithoutSignature(record, nowSeconds);
        if (!NodeRecordCodec.verifySignature(record)) {
            throw new RecordException(RecordRefusal.BAD_SIGNATURE, "record of " + record.nodeKey().fingerprint());
        }
    }

    /** Everything {@link #check} does except verifying the signature. */
    void checkWithoutSignature(NodeRecord record, long nowSeconds) throws RecordException {
        if (record.expirySeconds() <= nowSeconds) {
            throw new RecordException(RecordRefusal.EXPIRED, "expired at " + record.expirySeconds() + ", now "
                    + nowSeconds);
        }
        if (record.expirySeconds() - nowSeconds > maxFutureSeconds) {
            throw new RecordException(RecordRefusal.EXPIRY_TOO_FAR, "expires " + (record.expirySeconds() - nowSeconds)
                    + " s ahead, at most " + maxFutureSeconds);
        }
        if (!allowLoopback) {
            for (TransportAddress address : record.addresses()) {
                if (address.isLoopback()) {
                    throw new RecordException(RecordRefusal.LOOPBACK_ADDRESS, address.toString());
                }
            }
            if (record.escrow().isPresent() && record.escrow().get().address().isLoopback()) {
                throw new RecordException(RecordRefusal.LOOPBACK_ADDRESS, "escrow " + record.escrow().get().address());
            }
        }
    }
}
