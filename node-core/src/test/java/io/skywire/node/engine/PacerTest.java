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
}
