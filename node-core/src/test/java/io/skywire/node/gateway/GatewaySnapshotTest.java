package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.identity.NodeKeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A gateway snapshot refuses impossible counts and says "never tried" apart from "always failed". */
class GatewaySnapshotTest {

    private static final GatewayCandidate CANDIDATE = new GatewayCandidate(List.of(node(1), node(2)), 500_000, 0,
            "eu-west");

    private static io.skywire.node.identity.NodeId node(int n) {
        byte[] secret = new byte[32];
        secret[31] = (byte) n;
        return NodeKeyPair.fromSecret(secret).nodeId();
    }

    @Test
    void successPercentIsUnknownUntilTried() {
        assertThat(new GatewaySnapshot(CANDIDATE, 0, 0, 0, 0, false).successPercent()).isEqualTo(-1);
        assertThat(new GatewaySnapshot(CANDIDATE, 3, 0, 0, 0, false).successPercent()).isZero();
        assertThat(new GatewaySnapshot(CANDIDATE, 3, 2, 10, 1000, true).successPercent()).isEqualTo(66);
    }

    @Test
    void refusesMoreSuccessesThanAttemptsOrNegativeCounts() {
        assertThatThrownBy(() -> new GatewaySnapshot(CANDIDATE, 1, 2, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GatewaySnapshot(CANDIDATE, -1, 0, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
