package io.skywire.tests.payments;

import io.skywire.node.engine.EngineConfig;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.engine.NodeEvent;
import io.skywire.node.engine.QosClass;
import io.skywire.node.engine.RouteHandle;
import io.skywire.node.engine.RouteSpec;
import io.skywire.node.engine.SendResult;
import io.skywire.node.sim.LinkProfile;
import io.skywire.node.sim.SimNode;
import io.skywire.node.sim.Simulator;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.HopEarnings;
import io.skywire.wallet.escrow.HopPaymentPolicy;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.escrow.RoutePayer;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * An origin, paid transit hops and a destination in the simulator: each hop's engine asks a wallet
 * {@link HopPaymentPolicy}, each hop settles at the escrow every settlement period through its
 * {@link HopEarnings}, and the origin writes a byte stream as fast as back-pressure allows, paying through a
 * {@link RoutePayer} (or, for hostile tests, through whatever its {@code payments} function sends).
 */
final class PaidChain implements AutoCloseable {

    static final long MS = 1_000_000L;

    final Simulator simulator = new Simulator(7);
    final List<SimNode> nodes = new ArrayList<>();
    final List<HopPaymentPolicy> policies = new ArrayList<>();
    final List<HopEarnings> earnings = new ArrayList<>();
    final List<byte[]> payees = new ArrayList<>();
    final List<List<Payout>> payouts = new ArrayList<>();
    final List<FreshAddresses> hopAddresses = new ArrayList<>();
    final List<Map<RouteHandle, NodeEvent.Metering>> metering = new ArrayList<>();
    private final List<WalletDatabase> wallets = new ArrayList<>();
    private final EscrowOnLocalChain escrow;
    private final List<Long> prices;
    final byte[] pseudonymSecret = EscrowOnLocalChain.secret("origin pseudonym");
    RouteHandle route;
    RoutePayer payer;
    long total;
    long written;
    long delivered;
    long completedAt = -1;
    /** Payments sent so far, per hop. */
    final long[] paymentsSent;

    PaidChain(Path dir, EscrowOnLocalChain escrow, List<Long> prices, Droplets tolerance) {
        this.escrow = escrow;
        this.prices = List.copyOf(prices);
        this.paymentsSent = new long[prices.size()];
        LinkProfile link = LinkProfile.of(400_000_000L, MS, 0);
        for (int i = 0; i < prices.size() + 2; i++) {
            nodes.add(simulator.addNode(EngineConfig.defaults()));
            Map<RouteHandle, NodeEvent.Metering> latest = new HashMap<>();
            metering.add(latest);
        }
        for (int i = 0; i + 1 < nodes.size(); i++) {
            simulator.connect(nodes.get(i), nodes.get(i + 1), link, link, EngineConfig.DEFAULT_MTU);
        }
        for (int h = 0; h < prices.size(); h++) {
            byte[] payeeSecret = EscrowOnLocalChain.secret("hop " + h + " payee");
            payees.add(escrow.secp.publicKey(payeeSecret));
            HopPaymentPolicy policy = new HopPaymentPolicy(escrow.secp, escrow.secp.publicKey(payeeSecret),
                    escrow.escrow.keys().attestationKey(), prices.get(h), tolerance, escrow.clock);
            policies.add(policy);
            nodes.get(h + 1).engine().usePaymentPolicy(policy);
            WalletDatabase wallet = WalletDatabase.open(dir.resolve("hop-wallet-" + h));
            wallets.add(wallet);
            FreshAddresses addresses = new FreshAddresses(wallet, escrow.secp,
                    EscrowOnLocalChain.secret("hop " + h + " seed"), escrow.clock);
            hopAddresses.add(addresses);
            earnings.add(new HopEarnings(escrow.escrow, escrow.secp, payeeSecret, addresses, Droplets.ofSky(1),
                    escrow.random));
            payouts.add(new ArrayList<>());
        }
        for (int i = 1; i < nodes.size(); i++) {
            Map<RouteHandle, NodeEvent.Metering> latest = metering.get(i);
            SimNode node = nodes.get(i);
            boolean destination = i == nodes.size() - 1;
            node.onEvent(event -> {
                if (event instanceof NodeEvent.Metering meter) {
                    latest.put(meter.route(), meter);
                } else if (destination && event instanceof NodeEvent.Delivered delivery) {
                    delivered += delivery.payload().length;
                    if (delivered >= total && completedAt < 0) {
                        completedAt = simulator.now();
                    }
                }
            });
        }
    }

    SimNode origin() {
        return nodes.get(0);
    }

    /**
     * Opens the paid route and starts writing {@code bytes}; once established, {@code payments} makes the payer
     * from the engine's salts (an honest origin returns a {@link RoutePayer} and pays as it writes).
     */
    void start(long bytes, Attestation attestation, Droplets interval, boolean pays) {
        this.total = bytes;
        List<byte[]> path = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            path.add(nodes.get(i).publicKey());
        }
        origin().onEvent(event -> {
            if (event instanceof NodeEvent.RouteEstablished) {
                List<RoutePayer.Hop> hops = new ArrayList<>();
                for (int h = 0; h < prices.size(); h++) {
                    hops.add(new RoutePayer.Hop(payees.get(h), prices.get(h),
                            origin().engine().paymentSalt(route, h)));
                }
                payer = new RoutePayer(escrow.secp, pseudonymSecret, attestation, hops, interval);
                send(payer.opening());
                pump(pays);
            } else if (event instanceof NodeEvent.Writable) {
                pump(pays);
            }
        });
        route = origin().openRoute(new RouteSpec(path, QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, 256 * 1024,
                prices));
    }

    private void pump(boolean pays) {
        int chunk = origin().engine().maxPayload(route);
        while (written < total) {
            int length = (int) Math.min(chunk, total - written);
            if (origin().send(route, new byte[length]) != SendResult.ACCEPTED) {
                break;
            }
            written += length;
            if (pays) {
                send(payer.promisesFor(origin().engine().chargeableBytes(route)));
            }
        }
    }

    void send(List<RoutePayer.Outgoing> messages) {
        for (RoutePayer.Outgoing message : messages) {
            if (origin().sendPayment(route, message.hop(), message.message())) {
                paymentsSent[message.hop()]++;
            }
        }
    }

    /** Every hop settles its due promises at the escrow now and every {@code periodNanos} after. */
    void settleEvery(long periodNanos) {
        simulator.schedule(simulator.now() + periodNanos, () -> {
            settleAll();
            settleEvery(periodNanos);
        });
    }

    void settleAll() {
        for (int h = 0; h < earnings.size(); h++) {
            payouts.get(h).addAll(earnings.get(h).settleDue(policies.get(h)));
        }
    }

    void run(long nanos, BooleanSupplier done) {
        simulator.runUntil(simulator.now() + nanos, done);
    }

    /** What hop {@code h} has earned: paid out plus its balance at the escrow. */
    Droplets earned(int h) {
        Droplets paid = Droplets.ZERO;
        for (Payout payout : payouts.get(h)) {
            paid = paid.plus(payout.amount());
        }
        return paid.plus(escrow.escrow.balance(payees.get(h)));
    }

    /** The latest bytes-forwarded report of hop {@code h} for the route. */
    long forwarded(int h) {
        return metering.get(h + 1).values().stream().mapToLong(NodeEvent.Metering::bytesForwarded).sum();
    }

    @Override
    public void close() {
        wallets.forEach(WalletDatabase::close);
    }
}
