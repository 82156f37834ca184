package io.skywire.wallet.blind;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The escrow's record of spent tokens, keyed by Y = hash_to_curve(secret) as Cashu keys its spent proofs; a token
 * is accepted at most once. In memory: the database-backed registry comes with the escrow service.
 */
public final class SpentTokens {

    private final Set<String> spent = ConcurrentHashMap.newKeySet();

    /** Records the token's Y; false when it was recorded before, which makes this a double spend. */
    public boolean markSpent(byte[] secret) {
        return spent.add(HexFormat.of().formatHex(BlindDiffieHellman.hashToCurve(secret)));
    }

    /** True when the token with this secret has been spent. */
    public boolean isSpent(byte[] secret) {
        return spent.contains(HexFormat.of().formatHex(BlindDiffieHellman.hashToCurve(secret)));
    }

    /** How many tokens have been spent. */
    public int size() {
        return spent.size();
    }
}
