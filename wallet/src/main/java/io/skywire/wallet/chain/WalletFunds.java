package io.skywire.wallet.chain;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.address.UsedAddress;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deterministic wallet's coins on a chain: the sum over the addresses it has handed out, and withdrawals signed
 * with their keys, each sending change to a never-used address.
 */
public final class WalletFunds {

    private final Chain chain;
    private final FreshAddresses addresses;
    private final Secp256k1 secp256k1;
    private final DeterministicKeyChain keyChain;
    private final SecureRandom random;
    private final List<SkycoinKeyPair> keys = new ArrayList<>();

    /** The funds of the wallet whose seed is {@code seed}, whose addresses {@code addresses} hands out. */
    public WalletFunds(Chain chain, FreshAddresses addresses, Secp256k1 secp256k1, byte[] seed, SecureRandom random) {
        this.chain = chain;
        this.addresses = addresses;
        this.secp256k1 = secp256k1;
        this.keyChain = new DeterministicKeyChain(secp256k1, seed);
        this.random = random;
    }

    /** What the addresses in {@code used} hold together; needs no seed. */
    public static Droplets balance(Chain chain, List<UsedAddress> used) {
        Droplets total = Droplets.ZERO;
        for (UsedAddress address : used) {
            total = total.plus(chain.balance(address.address()));
        }
        return total;
    }

    /**
     * Every chain transaction that touched the addresses in {@code used}, oldest first, with the net change to the
     * wallet as a whole (a withdrawal's change to the wallet's own address is netted out).
     */
    public static List<ChainActivity> history(Chain chain, List<UsedAddress> used) {
        Map<Long, ChainActivity> byHeight = new TreeMap<>();
        for (UsedAddress address : used) {
            for (ChainActivity activity : chain.transactions(address.address())) {
                byHeight.merge(activity.height(), activity, (a, b) -> new ChainActivity(a.height(),
                        a.transactionId(), a.time(), a.change().plus(b.change())));
            }
        }
        return List.copyOf(byHeight.values());
    }

    /** The wallet's balance. */
    public Droplets balance() {
        return balance(chain, addresses.usedAddresses());
    }

    /**
     * What sending {@code amount} to {@code to} would do, without handing out an address or signing anything: the
     * chain's exact fee, the inputs it spends and the change that would go to a fresh address.
     *
     * @throws ChainRefusedException with {@code INSUFFICIENT_FUNDS} when the wallet cannot spend amount plus fee in one
     *     transaction
     */
    public WithdrawalPreview preview(SkycoinAddress to, Droplets amount) throws ChainRefusedException {
        Plan plan = plan(to, amount);
        return new WithdrawalPreview(to, amount, plan.fee(), plan.change(), plan.inputs().size());
    }

    /**
     * Sends {@code amount} to {@code to} from the wallet's addresses (oldest first); change goes to a fresh address.
     *
     * @throws ChainRefusedException with {@code INSUFFICIENT_FUNDS} when the wallet holds less, before any address
     *     is handed out; or when the chain refuses the transaction
     */
    public String withdraw(SkycoinAddress to, Droplets amount) throws ChainRefusedException {
        Plan plan = plan(to, amount);
        List<Transaction.Transfer> outputs = new ArrayList<>();
        outputs.add(new Transaction.Transfer(to, amount));
        if (!plan.change().isZero()) {
            outputs.add(new Transaction.Transfer(addresses.freshAddress("change").address(), plan.change()));
        }
        Transaction transaction = new Transaction(plan.nonce(), plan.inputs(), outputs);
        return chain.submit(SignedTransaction.sign(secp256k1, transaction, plan.signers()));
    }

    /** The inputs (oldest addresses first) covering amount and fee, and the change left over. */
    private Plan plan(SkycoinAddress to, Droplets amount) throws ChainRefusedException {
        if (amount.value() < 1) {
            throw new IllegalArgumentException("amount must be positive, was " + amount);
        }
        List<Transaction.Transfer> inputs = new ArrayList<>();
        List<SkycoinKeyPair> signers = new ArrayList<>();
        Droplets gathered = Droplets.ZERO;
        for (UsedAddress used : addresses.usedAddresses()) {
            if (gathered.compareTo(amount) >= 0 || inputs.size() == Transaction.MAX_TRANSFERS) {
                break;
            }
            Droplets held = chain.balance(used.address());
            if (held.value() > 0) {
                inputs.add(new Transaction.Transfer(used.address(), held));
                signers.add(keyAt(used.index()));
                gathered = gathered.plus(held);
            }
        }
        if (gathered.compareTo(amount) < 0) {
            throw new ChainRefusedException(ChainRefusedException.Reason.INSUFFICIENT_FUNDS,
                    "the wallet holds " + gathered + " that it can spend in one transaction, less than " + amount);
        }
        byte[] nonce = new byte[Transaction.NONCE_BYTES];
        random.nextBytes(nonce);
        // The fee is asked of the transaction as it will be sent, but the change output's address is not handed out
        // yet: a fixed stand-in takes its place (same size; an address's bytes are not what a fee depends on).
        Droplets change = gathered.minus(amount);
        List<Transaction.Transfer> outputs = new ArrayList<>();
        outputs.add(new Transaction.Transfer(to, amount));
        if (!change.isZero()) {
            outputs.add(new Transaction.Transfer(changeStandIn(to), change));
        }
        Droplets fee = chain.fee(new Transaction(nonce, inputs, outputs));
        if (!fee.isZero()) {
            throw new ChainRefusedException(ChainRefusedException.Reason.UNAVAILABLE, "the " + chain.name()
                    + " asks a fee of " + fee + "; this wallet only builds transactions without a fee");
        }
        return new Plan(nonce, inputs, signers, change, fee);
    }

    /** The address of the key whose secret is 1 (or 2, should the destination be that one). */
    private SkycoinAddress changeStandIn(SkycoinAddress to) {
        for (byte last = 1; ; last++) {
            byte[] secret = new byte[32];
            secret[31] = last;
            SkycoinAddress address = SkycoinAddress.fromPublicKey(secp256k1.publicKey(secret));
            if (!address.equals(to)) {
                return address;
            }
        }
    }

    private record Plan(byte[] nonce, List<Transaction.Transfer> inputs, List<SkycoinKeyPair> signers,
                        Droplets change, Droplets fee) {
    }

    private SkycoinKeyPair keyAt(int index) {
        while (keys.size() <= index) {
            keys.add(keyChain.next());
        }
        return keys.get(index);
    }
}
