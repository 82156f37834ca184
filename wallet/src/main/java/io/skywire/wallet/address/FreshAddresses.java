package io.skywire.wallet.address;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out addresses of the wallet's deterministic key chain, each at most once: the next index after the
 * highest recorded one is derived, recorded in the wallet database, and only then returned.
 */
public final class FreshAddresses {

    private final WalletDatabase database;
    private final Clock clock;
    private final UsedAddressDao dao = new UsedAddressDao();
    private final DeterministicKeyChain chain;
    /** Addresses derived so far, by index; the chain only walks forward, so they are kept. */
    private final List<SkycoinAddress> derived = new ArrayList<>();

    /** Addresses of the chain of {@code seed} (the mnemonic text's bytes), recorded in {@code database}. */
    public FreshAddresses(WalletDatabase database, Secp256k1 secp256k1, byte[] seed, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.chain = new DeterministicKeyChain(secp256k1, seed);
    }

    /**
     * A never-used address, recorded as used for {@code purpose} before it is returned; if recording fails, the
     * address is not handed out.
     */
    public synchronized UsedAddress freshAddress(String purpose) {
        if (purpose == null || purpose.isBlank() || purpose.length() > 200) {
            throw new IllegalArgumentException("purpose must be 1..200 characters");
        }
        return database.inTransaction(connection -> {
            int index = dao.nextIndex(connection);
            UsedAddress used = new UsedAddress(index, addressAt(index), purpose, clock.instant());
            dao.insert(connection, used);
            return used;
        });
    }

    /** Every address handed out so far, by index. */
    public List<UsedAddress> usedAddresses() {
        return usedAddresses(database);
    }

    /** Every address recorded in {@code database}; addresses are public, so listing them needs no seed. */
    public static List<UsedAddress> usedAddresses(WalletDatabase database) {
        return database.inTransaction(new UsedAddressDao()::all);
    }

    private SkycoinAddress addressAt(int index) {
        while (derived.size() <= index) {
            derived.add(chain.next().address());
        }
        return derived.get(index);
    }
}
