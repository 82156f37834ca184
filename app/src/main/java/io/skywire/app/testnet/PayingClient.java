package io.skywire.app.testnet;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.engine.ForwardingMode;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.identity.NodeId;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.runtime.RouteOptions;
import io.skywire.node.runtime.RouteSession;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.escrow.Attestation;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.escrow.PaymentMessage;
import io.skywire.wallet.escrow.Payout;
import io.skywire.wallet.escrow.RoutePayer;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test network's paying client: coins of its {@link ClientWallet} (by default the local chain's faucet) are
 * deposited at the escrow, turned into
 * blind tokens, redeemed to a fresh pseudonym (so the escrow cannot link the pseudonym to the deposit) and attested;
 * every route its proxy (and its VPN, both lanes) opens carries the relays' prices, and once established it is
 * paid with {@link RoutePayer} promises as its bytes flow (the route's chargeable bytes are polled every
 * {@link #POLL_MILLIS} ms and a promise goes to a hop whenever the debt to it has grown by what the promise bytes
 * cost at its price).
 */
public final class PayingClient implements RouteOpener {

    /** How often each paid route's bytes are read to decide whether promises are due. */
    static final long POLL_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(PayingClient.class);

    /** A relay as the client knows it before setup (from its discovery record, here from the test network). */
    record Hop(byte[] payee, long pricePerGb) {
    }

    private final Secp256k1 secp256k1;
    private final Escrow escrow;
    private final Clock clock;
    private final byte[] pseudonymSecret;
    /** The latest attestation: new routes open with it, and live routes get each renewal. */
    private volatile Attestation attestation;
    private final Map<NodeId, Hop> hops = new ConcurrentHashMap<>();
    private final PaymentSettings settings;
    private final ScheduledExecutorService timer;
    private final Set<PaidRoute> routes = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong renewals = new java.util.concurrent.atomic.AtomicLong();

    private PayingClient(Secp256k1 secp256k1, Escrow escrow, Clock clock, byte[] pseudonymSecret,
                         Attestation attestation, PaymentSettings settings, ScheduledExecutorService timer) {
        this.secp256k1 = secp256k1;
        this.escrow = escrow;
        this.clock = clock;
        this.pseudonymSecret = pseudonymSecret;
        this.attestation = attestation;
        this.settings = settings;
        this.timer = timer;
    }

    /**
     * Funds a fresh pseudonym of {@code wallet} with {@code settings.faucet()} (deposit, blind issue, redeem) and
     * gets the escrow's attestation of it, valid for the settings' attestation lifetime, then renews it on
     * {@code timer} every third of that lifetime from now on. Renewal starts with the attestation, not when the
     * network is up: starting a network can take longer than a short attestation lasts on a loaded machine, and the
     * routes opened next would carry one that had expired (the hops refuse it as BAD_ATTESTATION).
     */
    static PayingClient fund(Escrow escrow, ClientWallet wallet, Secp256k1 secp256k1, SecureRandom random,
                             Clock clock, PaymentSettings settings, ScheduledExecutorService timer)
            throws ChainRefusedException {
        byte[] pseudonymSecret = wallet.newPseudonymSecret();
        Attestation attestation = PseudonymFunding.fund(escrow, secp256k1, random, wallet::payDeposit,
                wallet.newDepositorSecret(), pseudonymSecret, settings.faucet(),
                () -> clock.instant().plus(settings.attestationLifetime()).getEpochSecond());
        LOG.info("client pseudonym funded with {} and attested", settings.faucet());
        PayingClient client = new PayingClient(secp256k1, escrow, clock, pseudonymSecret, attestation, settings,
                timer);
        long renewal = settings.renewalPeriod().toMillis();
        // At a fixed rate: a slow renewal (a busy escrow) must not push the next one later.
        timer.scheduleAtFixedRate(client::renewAttestation, renewal, renewal, TimeUnit.MILLISECONDS);
        return client;
    }

    /**
     * Pays what is left on the pseudonym to {@code address} (when the network stops, after the relays' last
     * settlement); below the escrow's withdrawal threshold it stays at the escrow. Returns the payout, if any.
     */
    java.util.Optional<Payout> refund(SkycoinAddress address, Droplets threshold, SecureRandom random) {
        Droplets left = escrow.balance(pseudonym());
        if (left.compareTo(threshold) < 0) {
            LOG.info("{} left on the client's pseudonym, below the withdrawal threshold {}: it stays at the escrow",
                    left, threshold);
            return java.util.Optional.empty();
        }
        byte[] requestId = randomBytes(random, EscrowRequests.REQUEST_ID_BYTES);
        Payout payout = escrow.withdraw(EscrowRequests.Withdraw.sign(secp256k1, pseudonymSecret, requestId, address));
        LOG.info("{} left on the client's pseudonym returned to {}", payout.amount(), address);
        return java.util.Optional.of(payout);
    }

    /** Tells the client a relay's payee key and price, before any route through it is opened. */
    void knowRelay(NodeId relay, byte[] payee, long pricePerGb) {
        hops.put(relay, new Hop(payee.clone(), pricePerGb));
    }

    /** Attestations renewed so far. */
    public long renewals() {
        return renewals.get();
    }

    /** The latest attestation, which the next route opens with. */
    Attestation attestation() {
        return attestation;
    }

    /** The pseudonym the client pays from (its escrow account). */
    public byte[] pseudonym() {
        return secp256k1.publicKey(pseudonymSecret);
    }

    @Override
    public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path) {
        return open(node, path, ForwardingMode.STORE_AND_FORWARD);
    }

    @Override
    public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, ForwardingMode mode) {
        return open(node, path, RouteOptions.bulk().withMode(mode));
    }

    /**
     * Opens a route with {@code options}' QoS, mode and buffers (the VPN's real-time lane as well as bulk routes) and
     * every transit hop's price, and pays it as its bytes flow.
     */
    @Override
    public CompletableFuture<RouteSession> open(NodeRuntime node, List<NodeId> path, RouteOptions options) {
        List<Hop> paid = new ArrayList<>();
        for (NodeId transit : path.subList(0, path.size() - 1)) {
            Hop hop = hops.get(transit);
            if (hop == null) {
                return CompletableFuture.failedFuture(new IllegalStateException("no price known for relay "
                        + transit.fingerprint()));
            }
            paid.add(hop);
        }
        if (paid.isEmpty()) {
            return node.openRoute(path, options.withPrices(List.of()));
        }
        RouteOptions priced = options.withPrices(paid.stream().map(Hop::pricePerGb).toList());
        return node.openRoute(path, priced).thenCompose(session -> startPaying(session, paid));
    }

    private CompletableFuture<RouteSession> startPaying(RouteSession session, List<Hop> paid) {
        List<CompletableFuture<byte[]>> salts = new ArrayList<>();
        for (int h = 0; h < paid.size(); h++) {
            salts.add(session.paymentSalt(h));
        }
        // Off the node's event loop: the payer may first renew the attestation at the escrow.
        return CompletableFuture.allOf(salts.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
            List<RoutePayer.Hop> payerHops = new ArrayList<>();
            for (int h = 0; h < paid.size(); h++) {
                byte[] salt = salts.get(h).join();
                if (salt == null) {
                    session.close();
                    throw new IllegalStateException("route has no payment salt at hop " + h);
                }
                payerHops.add(new RoutePayer.Hop(paid.get(h).payee(), paid.get(h).pricePerGb(), salt));
            }
            // Renewed first if nearly spent (outside the lock: the escrow may take a while).
            renewIfNearlySpent();
            PaidRoute route;
            // Under the lock renewal holds: the route opens with the latest attestation, or is listed before the
            // next one is taken and so hears it (else it kept the older one until that expired).
            synchronized (routes) {
                route = new PaidRoute(session, payerHops.size(), RoutePayer.everyBytes(secp256k1,
                        pseudonymSecret, attestation, payerHops, settings.promiseBytes()));
                routes.add(route);
                route.start();
            }
            session.ended().whenComplete((reason, error) -> {
                route.stop();
                routes.remove(route);
            });
            return session;
        }, timer);
    }

    /**
     * Renews the attestation before a new route opens with it when less than a renewal period of it is left: the
     * periodic renewal can fall behind on a busy machine, and a route opened with an attestation that expires on
     * its way to the hops would be refused there (BAD_ATTESTATION) until the next renewal reached it.
     */
    private void renewIfNearlySpent() {
        long left = attestation.expiry() - clock.instant().getEpochSecond();
        if (left <= settings.renewalPeriod().toSeconds()) {
            LOG.debug("attestation expires in {} s: renewing before a new route opens with it", left);
            renewAttestation();
        }
    }

    /**
     * Asks the escrow for a later attestation of the pseudonym and sends it to every hop of every live route, which
     * renews the route there (docs/PROTOCOL.md 7.3) before the previous one expires; run every third of the
     * lifetime, and before a new route opens with an attestation that is nearly spent. A refusal is logged, and the
     * next run tries again. One renewal at a time.
     */
    synchronized void renewAttestation() {
        try {
            Attestation fresh = escrow.attest(EscrowRequests.Attest.sign(secp256k1, pseudonymSecret,
                    clock.instant().plus(settings.attestationLifetime()).getEpochSecond()));
            synchronized (routes) {
                attestation = fresh;
                renewals.incrementAndGet();
                for (PaidRoute route : routes) {
                    route.reopen(fresh);
                }
            }
            LOG.debug("attestation renewed for {} routes", routes.size());
        } catch (RuntimeException e) {
            LOG.warn("attestation not renewed: {}", e.toString());
        }
    }

    /**
     * Sends every open route's final promises (any debt, not just whole intervals) and waits for the engine to take
     * them; for a graceful stop, before the relays' last settlement.
     */
    void settleUp() {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (PaidRoute route : routes) {
            sent.add(route.settleUp());
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("final promises not all sent: {}", e.toString());
        }
    }

    /** One established paid route and its payer, whose messages are queued to the loop under its lock. */
    private final class PaidRoute {
        private final RouteSession session;
        private final int hops;
        private final RoutePayer payer;
        private ScheduledFuture<?> poll;

        PaidRoute(RouteSession session, int hops, RoutePayer payer) {
            this.session = session;
            this.hops = hops;
            this.payer = payer;
        }

        /** Sends every hop a renewed attestation (in order with the promises, under the payer's lock). */
        void reopen(Attestation renewed) {
            byte[] open = new PaymentMessage.Open(renewed).encode();
            List<RoutePayer.Outgoing> messages = new ArrayList<>();
            for (int hop = 0; hop < hops; hop++) {
                messages.add(new RoutePayer.Outgoing(hop, open));
            }
            synchronized (payer) {
                send(messages);
            }
        }

        synchronized void start() {
            synchronized (payer) {
                send(payer.opening());
            }
            poll = timer.scheduleAtFixedRate(() -> session.chargeableBytes().thenAccept(this::pay),
                    POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        synchronized void stop() {
            if (poll != null) {
                poll.cancel(false);
            }
        }

        CompletableFuture<Void> settleUp() {
            return session.chargeableBytes().thenCompose(bytes -> {
                List<CompletableFuture<Boolean>> sent;
                synchronized (payer) {
                    sent = send(payer.settleUp(bytes));
                }
                return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
            });
        }

        /**
         * Promises for {@code bytes}. The payer is not thread-safe and its promises must reach the loop in sequence
         * order: the callback may run on the loop or the timer thread, so signing and queueing hold its lock.
         */
        private void pay(long bytes) {
            synchronized (payer) {
                send(payer.promisesFor(bytes));
            }
        }

        private List<CompletableFuture<Boolean>> send(List<RoutePayer.Outgoing> messages) {
            List<CompletableFuture<Boolean>> sent = new ArrayList<>();
            for (RoutePayer.Outgoing message : messages) {
                CompletableFuture<Boolean> done = session.sendPayment(message.hop(), message.message());
                done.thenAccept(accepted -> {
                    if (!accepted) {
                        LOG.warn("payment to hop {} of route {} not sent (route gone?)", message.hop(),
                                session.handle().value());
                    }
                });
                sent.add(done);
            }
            return sent;
        }
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
