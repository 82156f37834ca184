package io.skywire.wallet.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.node.crypto.Secp256k1Provider;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.DuplicatePostingException;
import io.skywire.wallet.ledger.Ledger;
import io.skywire.wallet.ledger.Posting;
import io.skywire.wallet.ledger.WalletDatabase;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 100 payers each send 1,000 promises (100 outside CI, see {@link #FULL}) spread over routes to 10 payees; duplicates, forgeries, over-limit and
 * misdelivered promises are mixed in and everything arrives in a seeded random order. Every outcome must be the
 * expected one, every route must end at the payer's true total, and settling the latest promises in the ledger
 * must account for every droplet with books that sum to zero.
 */
class PromiseSettlementPropertyTest {

    private static final Logger LOG = LoggerFactory.getLogger(PromiseSettlementPropertyTest.class);
    private static final Secp256k1 SECP = Secp256k1Provider.get();
    private static final HexFormat HEX = HexFormat.of();
    private static final int PAYERS = 100;
    private static final int PAYEES = 10;
    /**
     * The full size, 1,000 promises per payer (about 200,000 signatures and checks, 30 to 45 s on the
     * shared 2-core machine), runs in CI (CI=true) or with -Dskywire.property.full=true; a developer's run sends
     * 100 per payer so the suite stays at seconds. Everything else is the same.
     */
    private static final boolean FULL = "true".equals(System.getenv("CI"))
            || Boolean.getBoolean("skywire.property.full");
    private static final int PROMISES_PER_PAYER = FULL ? 1_000 : 100;
    private static final int PER_ROUTE = PROMISES_PER_PAYER / PAYEES;
    private static final long SEED = 20_261_126L;

    @TempDir
    Path dir;

    /** One payer's route to one payee, as the payer knows it. */
    private record Route(int payer, int payee, byte[] secret, byte[] pseudonym, byte[] routeId, Droplets locked) {
        String key() {
            return HEX.formatHex(pseudonym) + "/" + HEX.formatHex(routeId);
        }
    }

    /** One delivery: a promise handed to the verifier of {@code target}. */
    private record Delivery(Route target, SignedPromise promise, PromiseOutcome expected) {
    }

    @Test
    void everyDropletIsAccountedFor() {
        Random random = new Random(SEED);
        List<Route> routes = new ArrayList<>();
        Map<Integer, Droplets> lockedByPayer = new HashMap<>();
        for (int payer = 0; payer < PAYERS; payer++) {
            byte[] secret = Hashes.sha256(ByteBuffer.allocate(8).putLong(SEED * 1000 + payer).array());
            Droplets locked = Droplets.ofSky(1).plus(Droplets.of(random.nextInt(1_000_000)));
            lockedByPayer.put(payer, locked);
            for (int payee = 0; payee < PAYEES; payee++) {
                byte[] routeId = new byte[PaymentPromise.ROUTE_ID_BYTES];
                random.nextBytes(routeId);
                routes.add(new Route(payer, payee, secret, SECP.publicKey(secret), routeId, locked));
            }
        }

        // Signing and verifying 200,000 times is the cost of this test, so both run in parallel over routes; each
        // route draws from its own seeded generator and each verifier sees its deliveries in the shuffled order,
        // which keeps every outcome the same from run to run.
        long signStart = System.nanoTime();
        List<RouteTraffic> traffic = IntStream.range(0, routes.size()).parallel()
                .mapToObj(index -> traffic(routes, index)).toList();
        long signMillis = (System.nanoTime() - signStart) / 1_000_000;
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, Droplets> trueTotals = new HashMap<>();
        long honest = 0;
        long duplicates = 0;
        for (RouteTraffic routeTraffic : traffic) {
            deliveries.addAll(routeTraffic.deliveries());
            trueTotals.put(routeTraffic.route().key(), routeTraffic.total());
            honest += routeTraffic.honest();
            duplicates += routeTraffic.duplicates();
        }
        Collections.shuffle(deliveries, random);

        Map<String, List<Delivery>> byVerifier = new LinkedHashMap<>();
        for (Delivery delivery : deliveries) {
            byVerifier.computeIfAbsent(delivery.target().key(), key -> new ArrayList<>()).add(delivery);
        }
        Map<String, PromiseVerifier> verifiers = new ConcurrentHashMap<>();
        for (Route route : routes) {
            verifiers.put(route.key(), new PromiseVerifier(SECP, route.pseudonym(), route.routeId(), route.locked()));
        }
        long verifyStart = System.nanoTime();
        List<String> surprises = byVerifier.entrySet().parallelStream()
                .flatMap(entry -> offerAll(verifiers.get(entry.getKey()), entry.getValue()).stream())
                .toList();
        long verifyMillis = (System.nanoTime() - verifyStart) / 1_000_000;
        assertThat(surprises).as("deliveries with an unexpected outcome").isEmpty();

        Map<PromiseOutcome, Long> outcomes = new EnumMap<>(PromiseOutcome.class);
        for (PromiseOutcome outcome : PromiseOutcome.values()) {
            outcomes.put(outcome, verifiers.values().stream().mapToLong(v -> v.count(outcome)).sum());
        }
        Map<PromiseOutcome, Long> definite = new EnumMap<>(PromiseOutcome.class);
        for (Delivery delivery : deliveries) {
            if (delivery.expected() != null) {
                definite.merge(delivery.expected(), 1L, Long::sum);
            }
        }
        LOG.info("{} promises per payer; {} deliveries ({} honest, {} duplicates): signed in {} ms, verified in {} ms ({} per second, "
                        + "{} threads); {}", PROMISES_PER_PAYER, deliveries.size(), honest, duplicates, signMillis, verifyMillis,
                deliveries.size() * 1000L / Math.max(1, verifyMillis),
                ForkJoinPool.commonPool().getParallelism(), outcomes);

        assertThat(honest).isEqualTo((long) PAYERS * PROMISES_PER_PAYER);
        assertThat(outcomes.getOrDefault(PromiseOutcome.AMOUNT_DECREASED, 0L)).isZero();
        assertThat(outcomes.get(PromiseOutcome.ACCEPTED) + outcomes.get(PromiseOutcome.REPEATED_SEQUENCE)
                + outcomes.get(PromiseOutcome.STALE_SEQUENCE)).isEqualTo(honest + duplicates);
        for (PromiseOutcome reason : definite.keySet()) {
            assertThat(outcomes.get(reason)).as("%s", reason).isEqualTo(definite.get(reason));
        }
        long counted = 0;
        for (PromiseVerifier verifier : verifiers.values()) {
            counted += verifier.counts().values().stream().mapToLong(Long::longValue).sum();
        }
        assertThat(counted).isEqualTo(deliveries.size());
        for (Route route : routes) {
            PromiseVerifier verifier = verifiers.get(route.key());
            assertThat(verifier.owed()).as("route %s", route.key()).isEqualTo(trueTotals.get(route.key()));
            assertThat(verifier.latest().promise().sequence()).isEqualTo(PER_ROUTE);
        }

        settleAndCheckTheBooks(routes, verifiers, lockedByPayer, trueTotals);
    }

    /** What one route's payer sends: honest promises with noise mixed in, and its true final total. */
    private record RouteTraffic(Route route, List<Delivery> deliveries, Droplets total, long honest, long duplicates) {
    }

    private static RouteTraffic traffic(List<Route> routes, int index) {
        Route route = routes.get(index);
        Random random = new Random(SEED * 31 + index);
        List<Delivery> deliveries = new ArrayList<>();
        long duplicates = 0;
        // Each route may use at most a tenth of the payer's locked balance, so the payer never owes more than it locked.
        long step = route.locked().value() / PAYEES / PER_ROUTE;
        long total = 0;
        for (int sequence = 1; sequence <= PER_ROUTE; sequence++) {
            total += random.nextInt((int) step + 1);
            SignedPromise signed = new PaymentPromise(route.pseudonym(), route.routeId(), Droplets.of(total),
                    sequence).sign(SECP, route.secret());
            deliveries.add(new Delivery(route, signed, null));
            int noise = random.nextInt(100);
            if (noise < 5) {
                deliveries.add(new Delivery(route, signed, null));
                duplicates++;
            } else if (noise < 8) {
                deliveries.add(new Delivery(route, forgery(route, signed, noise, random), PromiseOutcome.BAD_SIGNATURE));
            } else if (noise < 9) {
                int other = random.nextInt(routes.size());
                if (other != index) {
                    deliveries.add(new Delivery(routes.get(other), signed, PromiseOutcome.WRONG_ROUTE));
                }
            }
        }
        // The payer tries once to promise more than it locked; the sequence is past every honest one.
        SignedPromise greedy = new PaymentPromise(route.pseudonym(), route.routeId(),
                route.locked().plus(Droplets.of(1)), PER_ROUTE + 1).sign(SECP, route.secret());
        deliveries.add(new Delivery(route, greedy, PromiseOutcome.EXCEEDS_LOCKED_BALANCE));
        return new RouteTraffic(route, deliveries, Droplets.of(total), PER_ROUTE, duplicates);
    }

    /** Offers each delivery in order; returns a description of every one whose outcome was not the expected one. */
    private static List<String> offerAll(PromiseVerifier verifier, List<Delivery> deliveries) {
        List<String> surprises = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            PromiseOutcome outcome = verifier.offer(delivery.promise());
            boolean expected = delivery.expected() == null
                    ? outcome == PromiseOutcome.ACCEPTED || outcome == PromiseOutcome.REPEATED_SEQUENCE
                            || outcome == PromiseOutcome.STALE_SEQUENCE
                    : outcome == delivery.expected();
            if (!expected) {
                surprises.add(delivery.promise().promise() + " expected " + delivery.expected() + " got " + outcome);
            }
        }
        return surprises;
    }

    /** A promise the payer did not sign as delivered: another key, a changed amount, or a garbled signature. */
    private static SignedPromise forgery(Route route, SignedPromise genuine, int kind, Random random) {
        PaymentPromise promise = genuine.promise();
        if (kind == 5) {
            byte[] thief = Hashes.sha256(route.secret(), new byte[] {1});
            return new PaymentPromise(route.pseudonym(), route.routeId(), promise.totalOwed().plus(Droplets.of(1000)),
                    promise.sequence()).sign(SECP, thief);
        }
        if (kind == 6) {
            return new SignedPromise(new PaymentPromise(route.pseudonym(), route.routeId(),
                    promise.totalOwed().plus(Droplets.of(1 + random.nextInt(1000))), promise.sequence()),
                    genuine.signature());
        }
        byte[] garbled = genuine.signature();
        garbled[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
        return new SignedPromise(promise, garbled);
    }

    private void settleAndCheckTheBooks(List<Route> routes, Map<String, PromiseVerifier> verifiers,
                                        Map<Integer, Droplets> lockedByPayer, Map<String, Droplets> trueTotals) {
        try (WalletDatabase database = WalletDatabase.open(dir.resolve("escrow"))) {
            Ledger ledger = new Ledger(database, Clock.systemUTC());
            Droplets deposited = Droplets.ZERO;
            for (Map.Entry<Integer, Droplets> payer : lockedByPayer.entrySet()) {
                ledger.post(Posting.transfer("deposit:" + payer.getKey(), "deposit", "chain",
                        "locked:" + payer.getKey(), payer.getValue()));
                deposited = deposited.plus(payer.getValue());
            }
            Droplets owedInTotal = Droplets.ZERO;
            for (Route route : routes) {
                SignedPromise latest = verifiers.get(route.key()).latest();
                Droplets owed = latest.promise().totalOwed();
                owedInTotal = owedInTotal.plus(owed);
                if (!owed.isZero()) {
                    ledger.post(settlement(route, latest));
                }
            }
            Route first = routes.get(0);
            assertThatThrownBy(() -> ledger.post(settlement(first, verifiers.get(first.key()).latest())))
                    .isInstanceOf(DuplicatePostingException.class);

            assertThat(ledger.total()).isEqualTo(Droplets.ZERO);
            assertThat(ledger.unbalancedPostings()).isZero();
            assertThat(ledger.balance("chain")).isEqualTo(deposited.negate());
            Droplets earned = Droplets.ZERO;
            for (int payee = 0; payee < PAYEES; payee++) {
                earned = earned.plus(ledger.balance("earned:" + payee));
            }
            Droplets stillLocked = Droplets.ZERO;
            for (int payer = 0; payer < PAYERS; payer++) {
                Droplets remaining = ledger.balance("locked:" + payer);
                assertThat(remaining.isNegative()).as("payer %d overdrawn", payer).isFalse();
                stillLocked = stillLocked.plus(remaining);
            }
            Droplets expectedOwed = trueTotals.values().stream().reduce(Droplets.ZERO, Droplets::plus);
            assertThat(owedInTotal).isEqualTo(expectedOwed);
            assertThat(earned).isEqualTo(expectedOwed);
            assertThat(earned.plus(stillLocked)).isEqualTo(deposited);
            LOG.info("deposited {}, earned {}, still locked {}", deposited, earned, stillLocked);
        }
    }

    private static Posting settlement(Route route, SignedPromise latest) {
        // One promise is settled at most once: the reference names it exactly.
        String reference = "promise:" + HEX.formatHex(route.routeId()) + ":" + latest.promise().sequence();
        return Posting.transfer(reference, "settle route to payee " + route.payee(), "locked:" + route.payer(),
                "earned:" + route.payee(), latest.promise().totalOwed());
    }
}
