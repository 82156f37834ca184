package io.skywire.wallet.chain;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.DuplicatePostingException;
import io.skywire.wallet.ledger.Ledger;
import io.skywire.wallet.ledger.LedgerException;
import io.skywire.wallet.ledger.Posting;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default chain, "local chain": Skycoin-format addresses whose balances live in an H2 file as
 * double-entry rows, and signed transactions checked (signatures, balances, replays) and recorded in one database
 * transaction each. Coins enter it only through {@link #mint}, which stands in for mining on a real chain.
 */
public final class LocalChain implements Chain, AutoCloseable {

    /** The name the UI and CLI show. */
    public static final String NAME = "local chain";
    /** The account whose negative balance is every coin ever minted, so the books still sum to zero. */
    static final String GENESIS = "local-chain:genesis";

    private static final Logger LOG = LoggerFactory.getLogger(LocalChain.class);
    private static final byte[] MINT_TAG = "SKYWMINT".getBytes(StandardCharsets.US_ASCII);

    private final WalletDatabase database;
    private final Ledger ledger;
    private final Secp256k1 secp256k1;
    private final SecureRandom random;
    private final ChainDao dao = new ChainDao();

    private LocalChain(WalletDatabase database, Secp256k1 secp256k1, Clock clock, SecureRandom random) {
        this.database = database;
        this.ledger = new Ledger(database, clock);
        this.secp256k1 = secp256k1;
        this.random = random;
    }

    /**
     * Opens (creating if needed) the local chain in {@code file} (H2 adds ".mv.db"); other processes may have it
     * open at the same time (a wallet command beside a running escrow), and writers take turns on the tip row.
     *
     * @throws LedgerException when the database cannot be opened
     */
    public static LocalChain open(Path file, Secp256k1 secp256k1, Clock clock, SecureRandom random) {
        return new LocalChain(WalletDatabase.open(file, "local-chain", "classpath:db/chain", true), secp256k1, clock,
                random);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Creates {@code amount} new coins at {@code address} (a faucet for tests and the local test network). */
    public String mint(SkycoinAddress address, Droplets amount) {
        if (amount.value() < 1) {
            throw new IllegalArgumentException("mint amount must be positive, was " + amount);
        }
        byte[] nonce = new byte[Transaction.NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] key = address.key();
        String id = HexFormat.of().formatHex(Hashes.sha256(MINT_TAG, nonce, key,
                ByteBuffer.allocate(Long.BYTES).putLong(amount.value()).array()));
        database.inTransaction(connection -> {
            long height = dao.lockTip(connection) + 1;
            long postingId = ledger.post(connection, Posting.transfer("tx:" + id, "mint at height " + height,
                    GENESIS, address.toString(), amount));
            dao.append(connection, height, id, postingId, null);
            return height;
        });
        LOG.info("local chain minted {} to {}", amount, address);
        return id;
    }

    @Override
    public String submit(SignedTransaction signed) throws ChainRefusedException {
        Transaction transaction = signed.transaction();
        byte[] hash = transaction.hash();
        checkSignatures(signed, hash);
        String id = HexFormat.of().formatHex(hash);
        List<Posting.Entry> entries = new ArrayList<>();
        transaction.inputs().forEach(in -> entries.add(new Posting.Entry(in.address().toString(),
                in.amount().negate())));
        transaction.outputs().forEach(out -> entries.add(new Posting.Entry(out.address().toString(), out.amount())));
        try {
            String refusal = database.inTransaction(connection -> {
                long height = dao.lockTip(connection) + 1;
                if (dao.known(connection, id)) {
                    return "transaction " + id + " is on the " + NAME + " already";
                }
                for (Transaction.Transfer input : transaction.inputs()) {
                    Droplets held = ledger.balance(connection, input.address().toString());
                    if (held.compareTo(input.amount()) < 0) {
                        throw new InsufficientFunds(input.address() + " holds " + held + ", the transaction spends "
                                + input.amount());
                    }
                }
                long postingId = ledger.post(connection, new Posting(Optional.of("tx:" + id),
                        "transaction at height " + height, entries));
                dao.append(connection, height, id, postingId, signed.encode());
                return null;
            });
            if (refusal != null) {
                throw new ChainRefusedException(ChainRefusedException.Reason.ALREADY_ON_CHAIN, refusal);
            }
        } catch (InsufficientFunds e) {
            throw new ChainRefusedException(ChainRefusedException.Reason.INSUFFICIENT_FUNDS, e.getMessage());
        } catch (DuplicatePostingException e) {
            throw new ChainRefusedException(ChainRefusedException.Reason.ALREADY_ON_CHAIN,
                    "transaction " + id + " is on the " + NAME + " already", e);
        } catch (LedgerException e) {
            throw new ChainRefusedException(ChainRefusedException.Reason.UNAVAILABLE,
                    NAME + " could not record the transaction: " + e.getMessage(), e);
        }
        LOG.debug("{} recorded {}", NAME, transaction);
        return id;
    }

    /** Each input's signature must recover to a key whose address is the input's, and verify. */
    private void checkSignatures(SignedTransaction signed, byte[] hash) throws ChainRefusedException {
        List<byte[]> signatures = signed.signatures();
        List<Transaction.Transfer> inputs = signed.transaction().inputs();
        for (int i = 0; i < inputs.size(); i++) {
            byte[] signature = signatures.get(i);
            try {
                byte[] publicKey = secp256k1.recover(signature, hash);
                if (!SkycoinAddress.fromPublicKey(publicKey).equals(inputs.get(i).address())
                        || !secp256k1.verify(signature, hash, publicKey)) {
                    throw new ChainRefusedException(ChainRefusedException.Reason.BAD_SIGNATURE,
                            "input " + (i + 1) + " is not signed by the key of " + inputs.get(i).address());
                }
            } catch (CryptoException e) {
                throw new ChainRefusedException(ChainRefusedException.Reason.BAD_SIGNATURE,
                        "input " + (i + 1) + " has a malformed signature", e);
            }
        }
    }

    @Override
    public Droplets balance(SkycoinAddress address) {
        return ledger.balance(address.toString());
    }

    @Override
    public List<ChainActivity> transactions(SkycoinAddress address) {
        return database.inTransaction(connection -> dao.activity(connection, address.toString()));
    }

    /** Nothing: a local-chain transaction's inputs equal its outputs (docs/WALLET-FORMAT.md), so no fee fits in. */
    @Override
    public Droplets fee(Transaction transaction) {
        return Droplets.ZERO;
    }

    @Override
    public long height() {
        return database.inTransaction(dao::height);
    }

    /** Coins minted so far, and zero when every posting balances: the local chain's own audit. */
    public Droplets minted() {
        return ledger.balance(GENESIS).negate();
    }

    /** The books' total over all accounts; zero unless the file was edited by hand. */
    public Droplets total() {
        return ledger.total();
    }

    @Override
    public void close() {
        database.close();
    }

    /** Thrown inside the database transaction so that it rolls back; never leaves this class. */
    private static final class InsufficientFunds extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InsufficientFunds(String message) {
            super(message, null, false, false);
        }
    }
}
