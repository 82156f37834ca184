package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The token bucket that paces a link at its capacity and forwarded payloads at the user's cap. */
class PacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void sendsTheRateOverASecondPlusOneBurst() {
        Pacer pacer = new Pacer(1_000_000, 5_000);
        long sent = 0;
        for (long now = 0; now < 1_000 * MS; now += 100_000) {
            while (pacer.ready(now)) {
                pacer.spend(1_000);
                sent += 1_000;
            }
        }
        // A million bytes in the second plus the full bucket it started with (and one datagram of debt).
        assertThat(sent).isBetween(1_000_000L, 1_000_000L + 5_000 + 1_000);
    }

    @Test
    void readyAtIsWhenTheDebtIsPaidAndNotBefore() {
        Pacer pacer = new Pacer(1_000_000, 5_000);
        assertThat(pacer.ready(0)).isTrue();
        pacer.spend(6_000);
        assertThat(pacer.ready(0)).isFalse();
        long at = pacer.readyAt(0);
        // 1,000 bytes of debt at a million bytes per second: one millisecond.
        assertThat(at).isEqualTo(MS + 1);
        assertThat(pacer.ready(at - 2)).isFalse();
        assertThat(pacer.ready(at)).isTrue();
    }

    @Test
    void aLongIdleFillsTheBucketOnlyToItsBurstEvenAtHighRates() {
        Pacer pacer = new Pacer(10_000_000_000L, 1_280);
        pacer.ready(0);
        pacer.spend(20_000_000);
        assertThat(pacer.ready(Long.MAX_VALUE / 2)).isTrue();
        pacer.spend(20_000_000);
        assertThat(pacer.ready(Long.MAX_VALUE / 2)).isFalse();
        assertThatThrownBy(() -> new Pacer(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readyAtForABatchWaitsUntilTheBatchHasComeBack() {
        Pacer pacer = new Pacer(1_000_000, 5_000);
        pacer.ready(0);
        pacer.spend(6_000);
        // 1,000 bytes of debt and 4,000 wanted: five milliseconds at a million bytes per second.
        long at = pacer.readyAt(0, 4_000);
        assertThat(at).isEqualTo(5 * MS + 1);
        assertThat(pacer.readyAt(at, 4_000)).isEqualTo(at);
        // No more than the bucket holds is ever waited for, and a bucket already holding the batch answers now.
        assertThat(pacer.readyAt(at, 1_000_000)).isEqualTo(at + MS);
        assertThat(pacer.readyAt(at + MS, 1_000_000)).isEqualTo(at + MS);
        assertThat(pacer.readyAt(at, 0)).isEqualTo(pacer.readyAt(at));
    }

    @Test
    void aSenderThatSleepsPerBatchKeepsTheRateWithAFifthOfTheWakeUps() {
        int datagram = 1_000;
        long[] perDatagram = pacedSend(new Pacer(1_000_000, 8 * datagram), 0, datagram);
        long[] perBatch = pacedSend(new Pacer(1_000_000, 8 * datagram), 4 * datagram, datagram);
        // Both send the second's million bytes plus the burst they started with (and one datagram of debt) ...
        assertThat(perDatagram[0]).isBetween(1_000_000L, 1_000_000L + 9 * datagram);
        assertThat(perBatch[0]).isBetween(1_000_000L, 1_000_000L + 9 * datagram);
        // ... but one wakes for every datagram and the other for every fifth: it waits for four datagrams' worth and
        // sends a fifth on the one datagram of debt the bucket allows.
        assertThat(perDatagram[1]).isBetween(990L, 1_010L);
        assertThat(perBatch[1]).isBetween(195L, 205L);
    }

    /** Sends for one second, sleeping until {@code readyAt(now, batch)} whenever the bucket stops it; {bytes, wake-ups}. */
    private static long[] pacedSend(Pacer pacer, int batch, int datagram) {
        long sent = 0;
        long wakeups = 0;
        long now = 0;
        while (now < 1_000 * MS) {
            while (pacer.ready(now)) {
                pacer.spend(datagram);
                sent += datagram;
            }
            now = pacer.readyAt(now, batch);
            wakeups++;
        }
        return new long[] {sent, wakeups};
    }
}
