package io.skywire.wallet.seed;

import java.io.IOException;

/** A seed file that is not a seed file of a known version, or is truncated or altered in its header. */
public final class SeedFileCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    public SeedFileCorruptException(String message) {
        super(message);
    }
}
