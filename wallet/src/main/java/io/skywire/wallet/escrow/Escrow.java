package io.skywire.wallet.escrow;

import io.skywire.node.crypto.CryptoException;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.blind.BlindDiffieHellman;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindSignatureException;
import io.skywire.wallet.chain.Chain;
import io.skywire.wallet.chain.ChainActivity;
import io.skywire.wallet.escrow.EscrowRefusedException.Reason;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.DuplicatePostingException;
import io.skywire.wallet.ledger.HistoryEntry;
import io.skywire.wallet.ledger.Ledger;
import io.skywire.wallet.ledger.Posting;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.SignedPromise;
import io.skywire.wallet.skycoin.SkycoinAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escrow, the payments' third party: deposits from the chain into accounts, blind issuance and redemption of
 * tokens that move value to unlinkable pseudonyms, attestations of locked balances, settlement of hops' payment
 * promises, and payouts to hops through {@link EscrowPayouts}. Every money movement is one database transaction
 * of double-entry rows; the methods that move money take turns.
 */
public final class Escrow implements AutoCloseable {

    static final String CHAIN = "escrow:chain";
    static final String TOKENS = "escrow:tokens";
    static final String WITHDRAWING = "escrow:withdrawing";
    private static final Logger LOG = LoggerFactory.getLogger(Escrow.class);
    private static final HexFormat HEX = HexFormat.of();

    private final WalletDatabase database;
    private final Ledger ledger;
    private final EscrowKeys keys;
    private final Secp256k1 secp256k1;
    private final Chain chain;
    private final EscrowSettings settings;
    private final Clock clock;
    private final EscrowDao dao = new EscrowDao();
    private final EscrowPayouts payouts;

    private Escrow(WalletDatabase database, Chain chain, EscrowKeys keys, Secp256k1 secp256k1,
                   EscrowSettings settings, Clock clock) {
        this.database = database;
        // Postings are stamped to the hour only, so their times do not tie an issuance to a redemption.
        this.ledger = new Ledger(database, Clock.tick(clock, Duration.ofHours(1)));
        this.keys = keys;
        this.secp256k1 = secp256k1;
        this.chain = chain;
        this.settings = settings;
        this.clock = clock;
        this.payouts = new EscrowPayouts(database, ledger, chain, keys, secp256k1, dao);
    }

    /**
     * Opens the escrow's database in {@code file} and finishes any payout a crash interrupted.
     *
     * @throws io.skywire.wallet.ledger.LedgerException when the database cannot be opened
     */
    public static Escrow open(Path file, Chain chain, EscrowKeys keys, Secp256k1 secp256k1, EscrowSettings settings,
                              Clock clock) {
        Escrow escrow = new Escrow(WalletDatabase.open(file, "escrow-db", "classpath:db/escrow"), chain, keys,
                secp256k1, settings, clock);
        escrow.payouts.reconfirm();
        escrow.payouts.resume();
        return escrow;
    }

    /** The escrow's keys, whose public halves it publishes. */
    public EscrowKeys keys() {
        return keys;
    }

    /** A fresh chain address whose incoming coins are credited to {@code account} (a 33-byte public key). */
    public synchronized SkycoinAddress depositAddress(byte[] account) {
        String name = accountName(account);
        return database.inTransaction(connection -> {
            SkycoinAddress address = payouts.newAddress(connection, "deposit");
            dao.insertDeposit(connection, address.toString(), name);
            return address;
        });
    }

    /**
     * Credits every chain transaction paying into deposit address {@code address} that was not credited yet, each
     * at most once, and returns the amount newly credited.
     *
     * @throws EscrowRefusedException when {@code address} is not one of the escrow's deposit addresses
     */
    public synchronized Droplets creditDeposits(SkycoinAddress address) {
        String account = database.inTransaction(connection -> dao.depositAccount(connection, address.toString()))
                .orElseThrow(() -> new EscrowRefusedException(Reason.BAD_REQUEST, address
                        + " is not a deposit address of this escrow"));
        Droplets credited = Droplets.ZERO;
        for (ChainActivity activity : chain.transactions(address)) {
            if (activity.change().isNegative()) {
                continue;
            }
            try {
                ledger.post(Posting.transfer("deposit:" + activity.transactionId() + ":" + address, "deposit",
                        CHAIN, account, activity.change()));
                credited = credited.plus(activity.change());
            } catch (DuplicatePostingException e) {
                LOG.trace("deposit {} was credited before", activity.transactionId());
            }
        }
        return credited;
    }

    /**
     * Debits the requesting account by the outputs' sum and signs each blinded message with its denomination's key,
     * with a DLEQ proof.
     *
     * @throws EscrowRefusedException for a bad signature or denomination, a short or locked balance, or a repeat
     */
    public synchronized List<BlindSignature> issue(EscrowRequests.Issue request) {
        EscrowRequests.verify(secp256k1, request.signature(), request.signingHash(), request.account());
        List<BlindSignature> signatures = new ArrayList<>();
        try {
            for (EscrowRequests.BlindedOutput output : request.outputs()) {
                signatures.add(keys.mint(output.amount()).sign(output.blindedMessage()));
            }
        } catch (BlindSignatureException e) {
            throw new EscrowRefusedException(Reason.BAD_REQUEST, "blinded message: " + e.getMessage());
        }
        String account = accountName(request.account());
        Droplets total = request.total();
        long now = clock.instant().getEpochSecond();
        try {
            database.inTransaction(connection -> {
                if (dao.lockedUntil(connection, account) > now) {
                    throw new EscrowRefusedException(Reason.LOCKED, "the account is locked by an attestation until "
                            + dao.lockedUntil(connection, account));
                }
                // Posted first so that a repeated request is told apart from a short balance.
                long posting = ledger.post(connection, Posting.transfer("issue:" + HEX.formatHex(request.requestId()),
                        "blind issuance", account, TOKENS, total));
                requireBalance(ledger.balance(connection, account).plus(total), total);
                return posting;
            });
        } catch (DuplicatePostingException e) {
            throw new EscrowRefusedException(Reason.DUPLICATE, "this issuance request was done before");
        }
        return signatures;
    }

    /**
     * Accepts unblinded tokens, each at most once, and credits their sum to {@code pseudonym}'s account.
     *
     * @throws EscrowRefusedException when a token is not the escrow's or was spent; then none is accepted
     */
    public synchronized Droplets redeem(List<EscrowRequests.PaidToken> tokens, byte[] pseudonym) {
        if (tokens.isEmpty() || tokens.size() > EscrowRequests.MAX_OUTPUTS) {
            throw new EscrowRefusedException(Reason.BAD_REQUEST, "redeem 1.." + EscrowRequests.MAX_OUTPUTS
                    + " tokens at a time");
        }
        String account = accountName(pseudonym);
        Droplets total = Droplets.ZERO;
        List<String> ys = new ArrayList<>();
        for (EscrowRequests.PaidToken paid : tokens) {
            boolean valid;
            try {
                valid = keys.mint(paid.amount()).verify(paid.token());
            } catch (BlindSignatureException e) {
                valid = false;
            }
            if (!valid) {
                throw new EscrowRefusedException(Reason.BAD_TOKEN, "a token's signature is not the escrow's");
            }
            ys.add(HEX.formatHex(BlindDiffieHellman.hashToCurve(paid.token().secret())));
            total = total.plus(paid.amount());
        }
        Droplets credited = total;
        database.inTransaction(connection -> {
            for (String y : ys) {
                try {
                    dao.insertSpent(connection, y);
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw new EscrowRefusedException(Reason.ALREADY_SPENT, "token " + y + " was spent before");
                    }
                    throw e;
                }
            }
            return ledger.post(connection, Posting.transfer(null, "redemption", TOKENS, account, credited));
        });
        return credited;
    }

    /**
     * Locks the pseudonym's balance against issuance until the requested expiry (at most the settings' maximum
     * ahead) and signs a statement of it.
     *
     * @throws EscrowRefusedException for a bad signature or an expiry in the past or too far ahead
     */
    public synchronized Attestation attest(EscrowRequests.Attest request) {
        EscrowRequests.verify(secp256k1, request.signature(), request.signingHash(), request.pseudonym());
        long now = clock.instant().getEpochSecond();
        if (request.expiry() <= now || request.expiry() > now + settings.maxAttestation().toSeconds()) {
            throw new EscrowRefusedException(Reason.BAD_REQUEST, "expiry must be in the next "
                    + settings.maxAttestation().toSeconds() + " s");
        }
        String account = accountName(request.pseudonym());
        String payer = HEX.formatHex(request.pseudonym());
        return database.inTransaction(connection -> {
            dao.lock(connection, account, Math.max(request.expiry(), dao.lockedUntil(connection, account)));
            long[] settled = dao.settledSummary(connection, payer);
            return Attestation.sign(secp256k1, keys.attestationSecret(), request.pseudonym(),
                    ledger.balance(connection, account), Droplets.of(settled[0]), settled[1], request.expiry());
        });
    }

    /**
     * Settles a hop's latest promise for a route: moves what it owes beyond what was settled for that route from the
     * payer's account to the payee's, once per promise. The payee proves it is the one the promise pays: its
     * signature on the request, and its key with the route's salt opening the promise's route id.
     *
     * @throws EscrowRefusedException for a forged or stale promise, a request not from the promise's payee, or a
     *     short balance
     */
    public synchronized Settlement settle(EscrowRequests.Settle request) {
        byte[] payee = request.payee();
        EscrowRequests.verify(secp256k1, request.signature(), request.signingHash(), payee);
        SignedPromise signed = request.promise();
        PaymentPromise promise = signed.promise();
        EscrowRequests.verify(secp256k1, signed.signature(), promise.signingHash(), promise.pseudonym());
        if (!MessageDigest.isEqual(PaymentRouteId.of(payee, request.salt()), promise.routeId())) {
            throw new EscrowRefusedException(Reason.WRONG_PAYEE, "the promise's route id does not name this payee");
        }
        String payeeAccount = accountName(payee);
        String payer = HEX.formatHex(promise.pseudonym());
        String route = HEX.formatHex(promise.routeId());
        String payeeHex = HEX.formatHex(payee);
        try {
            return database.inTransaction(connection -> {
                Optional<EscrowDao.RouteSettlement> before = dao.settlement(connection, payer, route);
                long settled = before.map(EscrowDao.RouteSettlement::settled).orElse(0L);
                if (before.isPresent()) {
                    if (!before.get().payee().equals(payeeHex)) {
                        throw new EscrowRefusedException(Reason.WRONG_PAYEE, "this route is settled to another payee");
                    }
                    if (promise.sequence() <= before.get().lastSequence() || promise.totalOwed().value() < settled) {
                        throw new EscrowRefusedException(Reason.STALE_PROMISE, "promise #" + promise.sequence()
                                + " is not newer than #" + before.get().lastSequence() + " settled before");
                    }
                }
                Droplets due = promise.totalOwed().minus(Droplets.of(settled));
                if (!due.isZero()) {
                    requireBalance(ledger.balance(connection, "pseudonym:" + payer), due);
                    ledger.post(connection, Posting.transfer("settle:" + payer + ":" + route + ":"
                            + promise.sequence(), "settlement", "pseudonym:" + payer, payeeAccount, due));
                }
                dao.saveSettlement(connection, payer, route, new EscrowDao.RouteSettlement(payeeHex,
                        promise.totalOwed().value(), promise.sequence()));
                return new Settlement(due, ledger.balance(connection, payeeAccount));
            });
        } catch (DuplicatePostingException e) {
            throw new EscrowRefusedException(Reason.STALE_PROMISE, "this promise was settled before");
        }
    }

    /**
     * Pays a payee's whole balance, at least the threshold, to a never-paid address on the chain.
     *
     * @throws EscrowRefusedException for a bad signature, a balance below the threshold, a repeated request or an
     *     address paid before
     */
    public synchronized Payout withdraw(EscrowRequests.Withdraw request) {
        EscrowRequests.verify(secp256k1, request.signature(), request.signingHash(), request.pseudonym());
        return payouts.withdraw(request, accountName(request.pseudonym()), settings.withdrawalThreshold());
    }

    /** What has been settled so far on a payer's route, as a hop resuming after a restart asks. */
    public SettledRoute settled(byte[] payer, byte[] routeId) {
        String payerHex = HEX.formatHex(payer);
        String route = HEX.formatHex(routeId);
        return database.inTransaction(connection -> dao.settlement(connection, payerHex, route)
                .map(row -> new SettledRoute(row.lastSequence(), Droplets.of(row.settled())))
                .orElse(new SettledRoute(0, Droplets.ZERO)));
    }

    /** The balance of a pseudonym's account. */
    public Droplets balance(byte[] pseudonym) {
        return ledger.balance(accountName(pseudonym));
    }

    /** The latest {@code limit} changes to a pseudonym's account, newest first (times are to the hour). */
    public List<HistoryEntry> history(byte[] pseudonym, int limit) {
        return ledger.history(accountName(pseudonym), limit);
    }

    /** The books: zero while every posting balanced. */
    public Ledger ledger() {
        return ledger;
    }

    private String accountName(byte[] publicKey) {
        try {
            return "pseudonym:" + HEX.formatHex(secp256k1.parsePublicKey(publicKey));
        } catch (CryptoException e) {
            throw new EscrowRefusedException(Reason.BAD_REQUEST, "an account is a secp256k1 public key");
        }
    }

    private static void requireBalance(Droplets held, Droplets needed) {
        if (held.compareTo(needed) < 0) {
            throw new EscrowRefusedException(Reason.INSUFFICIENT_FUNDS, "the account holds " + held + ", less than "
                    + needed);
        }
    }

    @Override
    public void close() {
        database.close();
    }
}
