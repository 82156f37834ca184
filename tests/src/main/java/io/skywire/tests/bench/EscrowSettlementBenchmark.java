package io.skywire.tests.bench;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.blind.BlindSignature;
import io.skywire.wallet.blind.BlindedRequest;
import io.skywire.wallet.chain.LocalChain;
import io.skywire.wallet.chain.SignedTransaction;
import io.skywire.wallet.chain.Transaction;
import io.skywire.wallet.escrow.Escrow;
import io.skywire.wallet.escrow.EscrowKeys;
import io.skywire.wallet.escrow.EscrowRequests;
import io.skywire.wallet.escrow.EscrowSettings;
import io.skywire.wallet.escrow.Settlement;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.Ledger;
import io.skywire.wallet.ledger.Posting;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import io.skywire.wallet.payment.SignedPromise;
import io.skywire.wallet.skycoin.DeterministicKeyChain;
import io.skywire.wallet.skycoin.SkycoinAddress;
import io.skywire.wallet.skycoin.SkycoinKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Promises settled per second at the escrow (signature check, route row, double-entry posting with a unique
 * reference, one H2 commit each) against the baseline of a bare two-entry ledger posting in the same run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EscrowSettlementBenchmark {

    /** Routes the promises are spread over, as a hop settles many routes. */
    private static final int ROUTES = 64;
    /** Promises signed before each iteration; more than a 1 s iteration settles here. */
    private static final int PER_ITERATION = 12_000;

    /** An escrow on a local chain with one payer funded through deposit, blind issuance and redemption. */
    @State(Scope.Benchmark)
    public static class EscrowState {
        List<EscrowRequests.Settle> requests = new ArrayList<>();
        Path dir;
        LocalChain chain;
        Escrow escrow;
        Secp256k1 secp;
        byte[] payer;
        byte[] hop;
        byte[] hopKey;
        long[] sequences = new long[ROUTES];
        int next;

        @Setup(Level.Trial)
        public void open() throws Exception {
            dir = Files.createTempDirectory("escrow-bench");
            secp = Secp256k1Provider.get();
            SecureRandom random = new SecureRandom();
            chain = LocalChain.open(dir.resolve("chain"), secp, Clock.systemUTC(), random);
            escrow = Escrow.open(dir.resolve("escrow"), chain, new EscrowKeys(secp, Hashes.sha256(bytes("bench"))),
                    secp, EscrowSettings.DEFAULT, Clock.systemUTC());
            payer = Hashes.sha256(bytes("payer"));
            hop = Hashes.sha256(bytes("hop"));
            hopKey = secp.publicKey(hop);
            byte[] depositor = Hashes.sha256(bytes("depositor"));
            Droplets amount = Droplets.ofSky(1_000_000);
            SkycoinKeyPair coins = DeterministicKeyChain.derive(secp, bytes("coins"), 1).get(0);
            chain.mint(coins.address(), amount);
            SkycoinAddress deposit = escrow.depositAddress(secp.publicKey(depositor));
            chain.submit(SignedTransaction.sign(secp, new Transaction(new byte[16], List.of(new Transaction.Transfer(
                    coins.address(), amount)), List.of(new Transaction.Transfer(deposit, amount))), List.of(coins)));
            escrow.creditDeposits(deposit);
            List<EscrowRequests.BlindedOutput> outputs = new ArrayList<>();
            List<BlindedRequest> requests = new ArrayList<>();
            for (Droplets part : EscrowKeys.denominations(amount)) {
                BlindedRequest request = BlindedRequest.create(random);
                requests.add(request);
                outputs.add(new EscrowRequests.BlindedOutput(part, request.blindedMessage()));
            }
            List<BlindSignature> signatures = escrow.issue(EscrowRequests.Issue.sign(secp, depositor, new byte[16],
                    outputs));
            List<EscrowRequests.PaidToken> tokens = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                Droplets part = outputs.get(i).amount();
                tokens.add(new EscrowRequests.PaidToken(part, requests.get(i).unblind(signatures.get(i),
                        escrow.keys().mint(part).publicKey())));
            }
            escrow.redeem(tokens, secp.publicKey(payer));
        }

        /**
         * Signs the next promises and the hop's settlement requests outside the measurement: each owes 1,000 droplets
         * more on its route.
         */
        @Setup(Level.Iteration)
        public void sign() {
            requests.clear();
            next = 0;
            for (int i = 0; i < PER_ITERATION; i++) {
                requests.add(nextRequest(i % ROUTES));
            }
        }

        EscrowRequests.Settle nextRequest(int route) {
            byte[] salt = new byte[PaymentRouteId.SALT_BYTES];
            salt[0] = (byte) route;
            long sequence = ++sequences[route];
            SignedPromise promise = new PaymentPromise(secp.publicKey(payer), PaymentRouteId.of(hopKey, salt),
                    Droplets.of(1_000 * sequence), sequence).sign(secp, payer);
            return EscrowRequests.Settle.sign(secp, hop, salt, promise);
        }

        @TearDown(Level.Trial)
        public void close() {
            escrow.close();
            chain.close();
            delete(dir);
        }
    }

    /** A bare ledger in its own H2 file: the baseline. */
    @State(Scope.Benchmark)
    public static class LedgerState {
        Path dir;
        WalletDatabase database;
        Ledger ledger;

        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("ledger-bench");
            database = WalletDatabase.open(dir.resolve("ledger"));
            ledger = new Ledger(database, Clock.systemUTC());
        }

        @TearDown(Level.Trial)
        public void close() {
            database.close();
            delete(dir);
        }
    }

    /** Settles one promise: what the escrow does per hop request. */
    @Benchmark
    public Settlement settle(EscrowState state) {
        EscrowRequests.Settle request = state.next < state.requests.size() ? state.requests.get(state.next++)
                : state.nextRequest(state.next++ % ROUTES);
        return state.escrow.settle(request);
    }

    /** Posts one two-entry transfer without a reference: the least a money movement costs in this database. */
    @Benchmark
    public long ledgerPosting(LedgerState state) {
        return state.ledger.post(Posting.transfer(null, "bench", "payer", "hop", Droplets.of(1_000)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
