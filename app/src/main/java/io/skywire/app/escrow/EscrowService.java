package io.skywire.app.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;

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
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return masterKey(file, random);
            }
            Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            byte[] key = HexFormat.of().parseHex(text);
            if (key.length != 32) {
                throw new IOException(file + " must hold 32 bytes as hex, holds " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not hex: " + e.getMessage(), e);
        }
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
