package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The exit's address filter: public addresses pass, every local, private and non-unicast range is refused. */
class DestinationFilterTest {

    @Test
    void refusesLocalPrivateAndNonUnicastRanges() throws UnknownHostException {
        String[] refused = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "255.255.255.255",
            "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12::1", "ff02::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "64:ff9b::a00:1", "2002:c0a8:0101::1"};
        for (String address : refused) {
            assertThat(DestinationFilter.isPublic(DestinationFilter.literal(address))).as(address).isFalse();
        }
    }

    @Test
    void allowsPublicAddresses() throws UnknownHostException {
        String[] allowed = {"1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "2606:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8", "64:ff9b::808:808"};
        for (String address : allowed) {
            assertThat(DestinationFilter.isPublic(DestinationFilter.literal(address))).as(address).isTrue();
        }
    }
}
