package io.skywire.app.testnet;

import io.skywire.app.escrow.EscrowConfig;
import io.skywire.app.escrow.EscrowService;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.node.gateway.LocalTestNetwork;
import io.skywire.node.gateway.ProxySettings;
import io.skywire.node.gateway.RouteOpener;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test network with money in it, all in one process: a local chain and an escrow (H2 files in the network's
 * directory, HTTP on 127.0.0.1), relays that charge a different price each through a wallet-backed payment policy,
 * and a client funded from the chain's faucet that pays every relay of its proxy's routes as bytes flow. Every
 * settlement period each relay settles at the escrow, and is paid out at the threshold to a never-used address; each
 * round's results go to the listeners ({@link #onRound}). The gateways, being their routes' destinations, are not
 * charged through the engine (docs/PROTOCOL.md 7.1): their prices are advertised and shown, never collected.
 */
public final class PaidTestnet implements AutoCloseable, LocalTestNetwork.Customizer {

    private static final Logger LOG = LoggerFactory.getLogger(PaidTestnet.class);

    private final Path dataRoot;
    private final PaymentSettings settings;
    private final EscrowService escrow;
    private final Secp256k1 secp256k1 = Secp256k1Provider.get();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timer;
    private final List<PaidRelay> relays = new CopyOnWriteArrayList<>();
    private final List<Consumer<PaidRelay.Round>> listeners = new CopyOnWriteArrayList<>();
    private ClientWallet wallet;
    private PayingClient client;
    private LocalTestNetwork network;
    private boolean closed;
    /** Set once the escrow is closed: a round already waiting for the lock then does nothing. */
    private boolean stopped;

    private PaidTestnet(Path dataRoot, PaymentSettings settings, EscrowService escrow) {
        this.dataRoot = dataRoot;
        this.settings = settings;
        this.escrow = escrow;
        this.timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "skywire-testnet-payments");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the escrow, funds the client from the local chain's faucet, then the network (see
     * {@link LocalTestNetwork#start}) with paying relays and client, then the relays' settlement timer. On any
     * failure what was started is stopped.
     */
    public static PaidTestnet start(Path dataRoot, int nodeCount, int gatewayCount, ProxySettings proxySettings,
                                    double loss, long seed, PaymentSettings settings)
            throws IOException, InterruptedException {
        return start(dataRoot, nodeCount, gatewayCount, proxySettings, loss, seed, settings, null);
    }

    /**
     * As {@link #start(Path, int, int, ProxySettings, double, long, PaymentSettings)}, but the client is funded from
     * {@code wallet} (null: the faucet), whose local chain the escrow then uses; when the network stops, what is
     * left on the client's pseudonym goes back to the wallet's refund address.
     */
    public static PaidTestnet start(Path dataRoot, int nodeCount, int gatewayCount, ProxySettings proxySettings,
                                    double loss, long seed, PaymentSettings settings, ClientWallet wallet)
            throws IOException, InterruptedException {
        Path chainFile = wallet == null ? dataRoot.resolve("chain") : wallet.chainFile();
        EscrowService escrow = EscrowService.start(new EscrowConfig(new InetSocketAddress("127.0.0.1", 0),
                dataRoot.resolve("escrow"), chainFile, dataRoot.resolve("escrow-master.key"),
                EscrowSettings.DEFAULT, null));
        PaidTestnet paid = new PaidTestnet(dataRoot, settings, escrow);
        try {
            paid.wallet = wallet == null ? new FaucetWallet(chainFile, escrow.chain(), paid.secp256k1, paid.random)
                    : wallet;
            paid.client = PayingClient.fund(escrow.escrow(), paid.wallet, paid.secp256k1, paid.random, paid.clock,
                    settings, paid.timer);
            paid.network = LocalTestNetwork.start(dataRoot, nodeCount, gatewayCount, proxySettings, loss, seed, paid);
            long period = settings.settlePeriod().toMillis();
            paid.timer.scheduleWithFixedDelay(paid::settleQuietly, period, period, TimeUnit.MILLISECONDS);
            return paid;
        } catch (ChainRefusedException e) {
            paid.close();
            throw new IOException("the local chain refused the client's deposit: " + e.getMessage(), e);
        } catch (IOException | InterruptedException | RuntimeException e) {
            paid.close();
            throw e;
        }
    }

    @Override
    public long relayStarted(String name, NodeRuntime relay) {
        long price = settings.relayPrice(relays.size());
        PaidRelay paid = PaidRelay.install(relay, price, settings.tolerance(price),
                dataRoot.resolve(name + "-wallet"), escrow.escrow(), EscrowSettings.DEFAULT.withdrawalThreshold(),
                secp256k1, random, clock);
        relays.add(paid);
        client.knowRelay(relay.nodeId(), paid.payee(), price);
        LOG.info("{} ({}) charges {} droplets/GB", name, relay.nodeId().fingerprint(), price);
        return price;
    }

    @Override
    public RouteOpener routeOpener() {
        return client;
    }

    /** Hears each relay's result of every settlement round, on the settlement thread. */
    public void onRound(Consumer<PaidRelay.Round> listener) {
        listeners.add(listener);
    }

    /** Every relay settles now; returns their results (listeners hear them too). */
    public synchronized List<PaidRelay.Round> settleNow() {
        List<PaidRelay.Round> rounds = new ArrayList<>();
        if (stopped) {
            return rounds;
        }
        for (PaidRelay relay : relays) {
            PaidRelay.Round round = relay.settle();
            rounds.add(round);
            listeners.forEach(listener -> listener.accept(round));
        }
        return rounds;
    }

    private void settleQuietly() {
        try {
            settleNow();
        } catch (RuntimeException e) {
            // The escrow's storage failed or refused: the promises stay unsettled and the next round tries again.
            LOG.warn("settlement round failed: {}", e.toString());
        }
    }

    /** What is left on the client's pseudonym goes back to its wallet, when that wallet names an address. */
    private void refundQuietly() {
        if (client == null) {
            return;
        }
        try {
            SkycoinAddress address = wallet.refundAddress();
            if (address != null) {
                client.refund(address, EscrowSettings.DEFAULT.withdrawalThreshold(), random);
            }
        } catch (RuntimeException e) {
            LOG.warn("the client's pseudonym was not refunded: {}", e.toString());
        }
    }

    /** The network and its proxy. */
    public LocalTestNetwork network() {
        return network;
    }

    /** The escrow, its chain and HTTP endpoints. */
    public EscrowService escrow() {
        return escrow;
    }

    /** The paying relays, in the order they started (the one nearest the gateways first). */
    public List<PaidRelay> relays() {
        return List.copyOf(relays);
    }

    /** The paying client. */
    public PayingClient client() {
        return client;
    }

    /** What the faucet gave the client. */
    public Droplets funded() {
        return settings.faucet();
    }

    /**
     * Stops gracefully: the client settles up, the relays settle one last time (listeners hear it), then the
     * network, the timer, the relays' wallets and the escrow close.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        if (network != null) {
            client.settleUp();
            try {
                // The final promises travel through the relays' loops before they can be settled.
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            settleQuietly();
            network.close();
        }
        refundQuietly();
        stopped = true;
        relays.forEach(PaidRelay::close);
        escrow.close();
    }
}
