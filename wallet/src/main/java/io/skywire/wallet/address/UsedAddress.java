package io.skywire.wallet.address;

import io.skywire.wallet.skycoin.SkycoinAddress;
import java.time.Instant;

/**
 * An address of the deterministic key chain that the wallet has handed out.
 *
 * @param index its position in the chain (0 is the first key pair)
 * @param address the address
 * @param purpose what it was handed out for, such as "withdrawal"
 * @param usedAt when
 */
public record UsedAddress(int index, SkycoinAddress address, String purpose, Instant usedAt) {
}
