package io.skywire.wallet.escrow;

import io.skywire.node.crypto.Hashes;
import io.skywire.node.crypto.Secp256k1;
import io.skywire.wallet.address.FreshAddresses;
import io.skywire.wallet.ledger.Droplets;
import io.skywire.wallet.ledger.WalletDatabase;
import io.skywire.wallet.payment.PaymentPromise;
import io.skywire.wallet.payment.PaymentRouteId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles promises at an escrow until it is killed: random payers and routes, each promise owing a little more than
 * the last, and a hop withdraws to a fresh address whenever its balance reaches the threshold.
 * {@link SettlementCrashTest} kills it with SIGKILL.
 */
public final class SettlementCrashWorker {

    static final String READY = "settlement crash worker settling";
    static final int PAYERS = 4;
    static final int ROUTES = 3;
    static final int HOPS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SettlementCrashWorker.class);

    private SettlementCrashWorker() {
    }

    static byte[] payer(int i) {
        return EscrowFixture.secret("payer " + i);
    }

    static byte[] hop(int i) {
        return EscrowFixture.secret("hop " + i);
    }

    /** Route r of payer p is forwarded by one hop, always the same, as a real route's hop is. */
    static int hopOf(int payer, int route) {
        return (payer + route) % HOPS;
    }

    /** The route's payment salt at its hop. */
    static byte[] salt(int payer, int route) {
        byte[] salt = new byte[PaymentRouteId.SALT_BYTES];
        salt[0] = (byte) payer;
        salt[1] = (byte) route;
        return salt;
    }

    /** The route id its promises name: a commitment to its hop's key and its salt. */
    static byte[] route(Secp256k1 secp, int payer, int route) {
        return PaymentRouteId.of(secp.publicKey(hop(hopOf(payer, route))), salt(payer, route));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        EscrowFixture fixture = new EscrowFixture(dir, Clock.systemUTC());
        Escrow escrow = fixture.escrow;
        for (int p = 0; p < PAYERS; p++) {
            if (escrow.balance(fixture.secp.publicKey(payer(p))).compareTo(Droplets.ofSky(1)) < 0) {
                byte[] depositor = EscrowFixture.secret("depositor " + p + " " + random.nextLong());
                fixture.deposit("coins " + p + " " + random.nextLong(), depositor, Droplets.ofSky(50));
                escrow.redeem(fixture.tokens(depositor, Droplets.ofSky(50)), fixture.secp.publicKey(payer(p)));
            }
        }
        WalletDatabase[] wallets = new WalletDatabase[HOPS];
        HopEarnings[] hops = new HopEarnings[HOPS];
        for (int h = 0; h < HOPS; h++) {
            wallets[h] = WalletDatabase.open(dir.resolve("hop-" + h));
            hops[h] = new HopEarnings(escrow, fixture.secp, hop(h), new FreshAddresses(wallets[h], fixture.secp,
                    Hashes.sha256(hop(h)), Clock.systemUTC()), Droplets.ofSky(1), fixture.random);
        }
        LOG.info(READY);
        while (true) {
            int p = random.nextInt(PAYERS);
            int r = random.nextInt(ROUTES);
            int h = hopOf(p, r);
            SettledRoute before = escrow.settled(fixture.secp.publicKey(payer(p)), route(fixture.secp, p, r));
            PaymentPromise promise = new PaymentPromise(fixture.secp.publicKey(payer(p)), route(fixture.secp, p, r),
                    before.settled().plus(Droplets.of(1 + random.nextInt(200_000))), before.lastSequence() + 1);
            try {
                hops[h].settle(promise.sign(fixture.secp, payer(p)), salt(p, r));
            } catch (EscrowRefusedException e) {
                if (e.reason() != EscrowRefusedException.Reason.INSUFFICIENT_FUNDS) {
                    throw e;
                }
            }
        }
    }
}
