package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.chain.Chain;
import io.skywire.wallet.chain.ChainRefusedException;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.escrow.EscrowRefusedException.Reason;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.DuplicatePostingException;
import io.skywire.wallet.ledger.Ledger;
import io.skywire.wallet.ledger.Posting;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.sql.Connection;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escrow's coins on the chain: its deterministic addresses, and payouts through an outbox. A payout is first a
 * posting (payee to escrow:withdrawing) with a withdrawal row; its chain transaction is then built and stored, then
 * submitted, then booked (escrow:withdrawing to escrow:chain). A crash between steps resumes at the next one, and
 * resubmitting the stored transaction is harmless: the chain knows its id.
 */
final class EscrowPayouts {

    private static final Logger LOG = LoggerFactory.getLogger(EscrowPayouts.class);

    private final WalletDatabase database;
    private final Ledger ledger;
    private final Chain chain;
    private final Secp256k1 secp256k1;
    private final EscrowDao dao;
    private final DeterministicKeyChain keyChain;
    private final List<SkycoinKeyPair> keys = new ArrayList<>();
    private final SecureRandom random = new SecureRandom();

    EscrowPayouts(WalletDatabase database, Ledger ledger, Chain chain, EscrowKeys escrowKeys, Secp256k1 secp256k1,
                  EscrowDao dao) {
        this.database = database;
        this.ledger = ledger;
        this.chain = chain;
        this.secp256k1 = secp256k1;
        this.dao = dao;
        this.keyChain = new DeterministicKeyChain(secp256k1, escrowKeys.addressSeed());
    }

    /** Records and returns the next address of the escrow's key chain. */
    SkycoinAddress newAddress(Connection connection, String purpose) throws SQLException {
        int index = dao.nextAddressIndex(connection);
        SkycoinAddress address = keyAt(index).address();
        dao.insertAddress(connection, index, address.toString(), purpose);
        return address;
    }

    Payout withdraw(EscrowRequests.Withdraw request, String account, Droplets threshold) {
        String requestId = HexFormat.of().formatHex(request.requestId());
        Droplets amount;
        try {
            amount = database.inTransaction(connection -> {
                Droplets balance = ledger.balance(connection, account);
                if (balance.compareTo(threshold) < 0) {
                    throw new EscrowRefusedException(Reason.BELOW_THRESHOLD, "the balance " + balance
                            + " is below the withdrawal threshold " + threshold);
                }
                // The posting first: a repeated request is a DUPLICATE whatever its address.
                ledger.post(connection, Posting.transfer("withdraw:" + requestId, "withdrawal", account,
                        Escrow.WITHDRAWING, balance));
                try {
                    dao.insertWithdrawal(connection, requestId, request.address().toString(), balance);
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw new EscrowRefusedException(Reason.ADDRESS_USED, request.address() + " was paid "
                                + "before; every payout goes to a never-used address");
                    }
                    throw e;
                }
                return balance;
            });
        } catch (DuplicatePostingException e) {
            throw new EscrowRefusedException(Reason.DUPLICATE, "this withdrawal request was done before");
        }
        List<String> done = resume();
        String txId = done.isEmpty() ? null : done.get(done.size() - 1);
        return new Payout(amount, request.address(), txId);
    }

    /**
     * How many of the latest finished payouts a restart checks against the chain. A chain, like any ledger kept
     * elsewhere, can come back from a crash without a transaction it had accepted (a node's mempool does, and H2
     * was seen to lose a returned commit under SIGKILL); only the last writes before a crash are at risk.
     */
    static final int RECONFIRMED_ON_OPEN = 64;

    /**
     * Checks the latest finished payouts against the chain and submits again the stored transaction of any that the
     * chain does not have; "done" means the chain has it. A transaction the chain now refuses stays logged as an
     * error for the operator: the payout is booked, so nothing is paid twice.
     */
    synchronized int reconfirm() {
        int resubmitted = 0;
        for (EscrowDao.FinishedPayout payout : database.inTransaction(
                connection -> dao.recentFinishedPayouts(connection, RECONFIRMED_ON_OPEN))) {
            boolean onChain = chain.transactions(SkycoinAddress.parse(payout.address())).stream()
                    .anyMatch(activity -> activity.transactionId().equals(payout.txId()));
            if (onChain) {
                continue;
            }
            try {
                submit(SignedTransaction.decode(payout.encoded()));
                resubmitted++;
                LOG.warn("payout {} was booked but missing from the {}; submitted again as {}", payout.id(),
                        chain.name(), payout.txId());
            } catch (ChainRefusedException e) {
                LOG.error("payout {} is booked but missing from the {}, which refuses it again: {}", payout.id(),
                        chain.name(), e.getMessage());
            }
        }
        return resubmitted;
    }

    /** Builds, submits and books every pending payout in order; returns the ids of those booked now. */
    synchronized List<String> resume() {
        List<String> booked = new ArrayList<>();
        for (EscrowDao.Withdrawal withdrawal : database.inTransaction(dao::pendingWithdrawals)) {
            try {
                byte[] encoded = withdrawal.encoded() != null ? withdrawal.encoded() : build(withdrawal);
                SignedTransaction transaction = SignedTransaction.decode(encoded);
                submit(transaction);
                database.inTransaction(connection -> {
                    ledger.post(connection, Posting.transfer("withdrawn:" + withdrawal.id(), "paid out on the chain",
                            Escrow.WITHDRAWING, Escrow.CHAIN, Droplets.of(withdrawal.amount())));
                    dao.markDone(connection, withdrawal.id());
                    return null;
                });
                booked.add(transaction.transaction().id());
            } catch (ChainRefusedException e) {
                // Only the escrow spends its addresses, so this is a chain outage or a bug: keep it pending.
                LOG.warn("payout {} stays pending: {}", withdrawal.id(), e.getMessage());
                break;
            }
        }
        return booked;
    }

    private void submit(SignedTransaction transaction) throws ChainRefusedException {
        try {
            chain.submit(transaction);
        } catch (ChainRefusedException e) {
            if (e.reason() != ChainRefusedException.Reason.ALREADY_ON_CHAIN) {
                throw e;
            }
        }
    }

    /** Picks inputs among the escrow's addresses, signs, and stores the transaction before anything submits it. */
    private byte[] build(EscrowDao.Withdrawal withdrawal) throws ChainRefusedException {
        Droplets amount = Droplets.of(withdrawal.amount());
        List<String> addresses = database.inTransaction(dao::addresses);
        List<Transaction.Transfer> inputs = new ArrayList<>();
        List<SkycoinKeyPair> signers = new ArrayList<>();
        Droplets gathered = Droplets.ZERO;
        for (int index = 0; index < addresses.size() && gathered.compareTo(amount) < 0
                && inputs.size() < Transaction.MAX_TRANSFERS; index++) {
            SkycoinAddress address = SkycoinAddress.parse(addresses.get(index));
            Droplets held = chain.balance(address);
            if (held.value() > 0) {
                inputs.add(new Transaction.Transfer(address, held));
                signers.add(keyAt(index));
                gathered = gathered.plus(held);
            }
        }
        if (gathered.compareTo(amount) < 0) {
            throw new ChainRefusedException(ChainRefusedException.Reason.INSUFFICIENT_FUNDS,
                    "the escrow holds " + gathered + " spendable in one transaction, the payout is " + amount);
        }
        Droplets change = gathered.minus(amount);
        byte[] nonce = new byte[Transaction.NONCE_BYTES];
        random.nextBytes(nonce);
        return database.inTransaction(connection -> {
            List<Transaction.Transfer> outputs = new ArrayList<>();
            outputs.add(new Transaction.Transfer(SkycoinAddress.parse(withdrawal.address()), amount));
            if (!change.isZero()) {
                outputs.add(new Transaction.Transfer(newAddress(connection, "change"), change));
            }
            SignedTransaction signed = SignedTransaction.sign(secp256k1, new Transaction(nonce, inputs, outputs),
                    signers);
            byte[] encoded = signed.encode();
            dao.storeTransaction(connection, withdrawal.id(), encoded, signed.transaction().id());
            return encoded;
        });
    }

    private SkycoinKeyPair keyAt(int index) {
        synchronized (keys) {
            while (keys.size() <= index) {
                keys.add(keyChain.next());
            }
            return keys.get(index);
        }
    }
}
