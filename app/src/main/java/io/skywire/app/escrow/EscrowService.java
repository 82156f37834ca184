package io.skywire.app.escrow;

import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.gateway.ExitService;
import io.skywire.node.gateway.GatewayOffer;
import io.skywire.node.identity.SecretFile;
import io.skywire.node.runtime.NodeConfig;
import io.skywire.node.runtime.NodeConfigException;
import io.skywire.node.runtime.NodeConfigParser;
import io.skywire.node.runtime.NodeRuntime;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running escrow: the local chain, the escrow's books and its HTTP endpoints, and, when configured, a node whose
 * routes reach those endpoints (each stream that arrives is connected to the HTTP address and nowhere else, so a
 * client anywhere in the network speaks the same JSON through a route); closed in reverse order.
 */
public final class EscrowService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EscrowService.class);

    private final LocalChain chain;
    private final Escrow escrow;
    private final EscrowHttpServer server;
    private NodeRuntime node;
    private ExitService overRoutes;

    private EscrowService(LocalChain chain, Escrow escrow, EscrowHttpServer server) {
        this.chain = chain;
        this.escrow = escrow;
        this.server = server;
    }

    /** Opens everything {@code config} names and starts serving; on any failure what was opened is closed. */
    public static EscrowService start(EscrowConfig config) throws IOException {
        Secp256k1 secp256k1 = Secp256k1Provider.get();
        SecureRandom random = new SecureRandom();
        EscrowKeys keys = new EscrowKeys(secp256k1, masterKey(config.masterKeyFile(), random));
        LocalChain chain = LocalChain.open(config.chain(), secp256k1, Clock.systemUTC(), random);
        Escrow escrow;
        try {
            escrow = Escrow.open(config.database(), chain, keys, secp256k1, config.settings(), Clock.systemUTC());
        } catch (RuntimeException e) {
            chain.close();
            throw e;
        }
        EscrowService service;
        try {
            service = new EscrowService(chain, escrow, EscrowHttpServer.start(escrow, config.listen()));
        } catch (IOException | RuntimeException e) {
            escrow.close();
            chain.close();
            throw e;
        }
        if (config.nodeConfig() != null) {
            try {
                service.serveOverRoutes(config.nodeConfig());
            } catch (IOException | RuntimeException e) {
                service.close();
                throw e;
            }
        }
        return service;
    }

    /** Starts the node of {@code nodeConfigFile} and connects every stream its routes bring to the HTTP endpoints. */
    private void serveOverRoutes(Path nodeConfigFile) throws IOException {
        NodeConfig nodeConfig;
        try {
            nodeConfig = NodeConfigParser.parse(nodeConfigFile);
        } catch (NodeConfigException e) {
            throw new IOException("escrow node-config " + nodeConfigFile + ": " + e.getMessage(), e);
        }
        try {
            node = NodeRuntime.start(nodeConfig);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the escrow's node", e);
        }
        overRoutes = ExitService.serve(node, new GatewayOffer(0, 256, "escrow",
                ExitPolicy.onlyTo(server.address()), 10_000));
        LOG.info("escrow endpoints reachable over the routes of node {}", node.nodeId().hex());
    }

    /** The node whose routes reach the endpoints, or null when the escrow serves HTTP on loopback only. */
    public NodeRuntime node() {
        return node;
    }

    /** The master secret from its file, created (owner-only, never replaced) on first start. */
    static byte[] masterKey(Path file, SecureRandom random) throws IOException {
        return SecretFile.loadOrCreate(file, () -> {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            return fresh;
        });
    }

    /** Where the HTTP endpoints are. */
    public EscrowHttpServer server() {
        return server;
    }

    /** The escrow behind the endpoints. */
    public Escrow escrow() {
        return escrow;
    }

    /** The local chain the escrow pays on. */
    public LocalChain chain() {
        return chain;
    }

    @Override
    public void close() {
        if (overRoutes != null) {
            overRoutes.close();
        }
        if (node != null) {
            node.stop();
        }
        server.close();
        escrow.close();
        chain.close();
    }
}
