package io.skywire.app.testnet;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.address.UsedAddress;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.HopEarnings;
import io.skywire.wallet.escrow.HopPaymentPolicy;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A relay of the paid test network with a wallet of its own: its engine forwards paid routes as far as its
 * {@link HopPaymentPolicy} allows, it settles the promises it holds at the escrow when asked
 * ({@link #settle()}) and has its balance paid out at the threshold to never-used addresses of its wallet. Its
 * payee key (its escrow account) and payout addresses come from its wallet's seed, which lives only as long as
 * the test network.
 */
public final class PaidRelay implements AutoCloseable {

    /** One settlement round's result: the relay's earnings so far and the payouts it made in the round. */
    public record Round(PaidRelay relay, Droplets earned, long forwardedBytes, List<Payout> payouts) {
    }

    private final NodeId node;
    private final long pricePerGb;
    private final byte[] payee;
    private final HopPaymentPolicy policy;
    private final HopEarnings earnings;
    private final FreshAddresses addresses;
    private final WalletDatabase wallet;
    private final Escrow escrow;
    private final Map<RouteHandle, Long> forwarded = new ConcurrentHashMap<>();
    private final List<Payout> payouts = new ArrayList<>();

    private PaidRelay(NodeId node, long pricePerGb, byte[] payee, HopPaymentPolicy policy, HopEarnings earnings,
                      FreshAddresses addresses, WalletDatabase wallet, Escrow escrow) {
        this.node = node;
        this.pricePerGb = pricePerGb;
        this.payee = payee;
        this.policy = policy;
        this.earnings = earnings;
        this.addresses = addresses;
        this.wallet = wallet;
        this.escrow = escrow;
    }

    /**
     * Opens the relay's wallet in {@code walletFile}, installs its payment policy on {@code runtime} and listens to
     * its metering (what it forwarded).
     */
    static PaidRelay install(NodeRuntime runtime, long pricePerGb, Droplets tolerance, Path walletFile, Escrow escrow,
                             Droplets threshold, Secp256k1 secp256k1, SecureRandom random, Clock clock) {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        byte[] payeeSecret = Hashes.sha256("skywire testnet payee key".getBytes(StandardCharsets.US_ASCII), seed);
        byte[] payee = secp256k1.publicKey(payeeSecret);
        WalletDatabase wallet = WalletDatabase.open(walletFile);
        FreshAddresses addresses = new FreshAddresses(wallet, secp256k1, seed, clock);
        HopPaymentPolicy policy = new HopPaymentPolicy(secp256k1, payee, escrow.keys().attestationKey(), pricePerGb,
                tolerance, clock);
        HopEarnings earnings = new HopEarnings(escrow, secp256k1, payeeSecret, addresses,
                threshold, random);
        PaidRelay relay = new PaidRelay(runtime.nodeId(), pricePerGb, payee, policy, earnings, addresses, wallet,
                escrow);
        runtime.onMetering(relay::metered);
        runtime.usePaymentPolicy(policy);
        return relay;
    }

    private void metered(NodeEvent.Metering report) {
        forwarded.put(report.route(), report.bytesForwarded());
    }

    /** Settles every promise due at the escrow, withdrawing at the threshold; safe from any one thread at a time. */
    synchronized Round settle() {
        List<Payout> made = earnings.settleDue(policy);
        payouts.addAll(made);
        return new Round(this, earned(), forwardedBytes(), made);
    }

    /** The relay's node. */
    public NodeId node() {
        return node;
    }

    /** Its price, droplets per GB. */
    public long pricePerGb() {
        return pricePerGb;
    }

    /** Its escrow account key. */
    public byte[] payee() {
        return payee.clone();
    }

    /** Its payment policy (counters, unsettled promises). */
    public HopPaymentPolicy policy() {
        return policy;
    }

    /** Bytes it forwarded on paid and unpaid routes, as last metered (at housekeeping and when a route ends). */
    public long forwardedBytes() {
        return forwarded.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What it has earned: paid out plus its balance at the escrow. */
    public synchronized Droplets earned() {
        Droplets paid = Droplets.ZERO;
        for (Payout payout : payouts) {
            paid = paid.plus(payout.amount());
        }
        return paid.plus(escrow.balance(payee));
    }

    /** Every payout so far. */
    public synchronized List<Payout> payouts() {
        return List.copyOf(payouts);
    }

    /** The addresses its wallet has handed out (each payout takes a fresh one). */
    public List<UsedAddress> usedAddresses() {
        return addresses.usedAddresses();
    }

    @Override
    public void close() {
        wallet.close();
    }
}
