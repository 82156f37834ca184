package io.skywire.app.escrow;

import io.skywire.node.identity.SecretFile;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** A running escrow: the local chain, the escrow's books and its HTTP endpoints, closed in reverse order. */
public final class EscrowService implements AutoCloseable {

    private final LocalChain chain;
    private final Escrow escrow;
    private final EscrowHttpServer server;

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
        Escrow escrow = null;
        try {
            escrow = Escrow.open(config.database(), chain, keys, secp256k1, config.settings(), Clock.systemUTC());
            return new EscrowService(chain, escrow, EscrowHttpServer.start(escrow, config.listen()));
        } catch (IOException | RuntimeException e) {
            if (escrow != null) {
                escrow.close();
            }
            chain.close();
            throw e;
        }
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
        server.close();
        escrow.close();
        chain.close();
    }
}
