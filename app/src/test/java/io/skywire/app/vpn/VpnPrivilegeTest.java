package io.skywire.app.vpn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Reading CAP_NET_ADMIN from /proc/self/status text, and the decision with and without /dev/net/tun. */
class VpnPrivilegeTest {

    private static String status(String capEff) {
        return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nCapInh:\t0000000000000000\n"
                + "CapPrm:\t000001ffffffffff\nCapEff:" + capEff + "\nCapBnd:\t000001ffffffffff\nSeccomp:\t0\n";
    }

    @Test
    void rootsFullSetHoldsNetAdmin() {
        assertThat(VpnPrivilege.effectiveCapabilities(status("\t000001ffffffffff"))).hasValue(0x1ffffffffffL);
        assertThat(VpnPrivilege.check(status("\t000001ffffffffff"), true)).isEqualTo(new VpnPrivilege(true, ""));
    }

    @Test
    void onlyBit12CountsAsNetAdmin() {
        assertThat(VpnPrivilege.check(status("\t0000000000001000"), true).granted()).isTrue();
        assertThat(VpnPrivilege.check(status("\t0000000000000fff"), true).granted()).isFalse();
        assertThat(VpnPrivilege.check(status("\t0000000000002000"), true).granted()).isFalse();
        assertThat(VpnPrivilege.hasNetAdmin(0xffffffffffffefffL)).isFalse();
        assertThat(VpnPrivilege.hasNetAdmin(0x8000000000001000L)).as("the top bit set parses unsigned").isTrue();
    }

    @Test
    void anOrdinaryUserIsRefusedWithTheReason() {
        VpnPrivilege user = VpnPrivilege.check(status("\t0000000000000000"), true);
        assertThat(user.granted()).isFalse();
        assertThat(user.reason()).isEqualTo("the app runs without root or CAP_NET_ADMIN");
    }

    @Test
    void noTunDeviceIsRefusedEvenForRoot() {
        VpnPrivilege noTun = VpnPrivilege.check(status("\t000001ffffffffff"), false);
        assertThat(noTun.granted()).isFalse();
        assertThat(noTun.reason()).contains("/dev/net/tun");
    }

    @Test
    void missingOrMalformedCapEffIsRefusedNotThrown() {
        assertThat(VpnPrivilege.effectiveCapabilities("Name:\tjava\nCapPrm:\t0000000000001000\n")).isEmpty();
        assertThat(VpnPrivilege.effectiveCapabilities(status("\tzz00000000001000"))).isEmpty();
        assertThat(VpnPrivilege.effectiveCapabilities(status("\t"))).isEmpty();
        assertThat(VpnPrivilege.effectiveCapabilities(status("\t00000000000000001000"))).as("over 64 bits").isEmpty();
        assertThat(VpnPrivilege.check("", true).reason()).contains("CapEff");
        assertThat(VpnPrivilege.effectiveCapabilities(status(" 1000"))).isEqualTo(OptionalLong.of(0x1000));
    }

    @Test
    void thisProcessIsReadWithoutFailing() {
        VpnPrivilege self = VpnPrivilege.ofThisProcess();
        assertThat(self.granted() || !self.reason().isEmpty()).as("a refusal always says why").isTrue();
    }
}
