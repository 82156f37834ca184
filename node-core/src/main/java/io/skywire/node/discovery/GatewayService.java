package io.skywire.node.discovery;

import io.skywire.node.gateway.ExitPolicy;
import io.skywire.node.gateway.GatewayOffer;
import java.util.List;
import java.util.Objects;

/**
 * The part of a {@link GatewayOffer} a node advertises in its record: enough for a client to choose a gateway
 * (price, region, the ports it lets out) without its local limits such as connection counts and timeouts.
 *
 * @param pricePerGbDroplets price per 10^9 bytes carried, in droplets
 * @param region             a short lower-case label such as "eu-west"
 * @param allowedPorts       inclusive TCP port ranges the exit connects to
 */
public record GatewayService(long pricePerGbDroplets, String region, List<ExitPolicy.PortRange> allowedPorts) {

    /** Longest region label, in ASCII characters. */
    public static final int MAX_REGION_LENGTH = 32;
    /** Most port ranges a record carries. */
    public static final int MAX_PORT_RANGES = 16;

    public GatewayService {
        Objects.requireNonNull(region, "region");
        allowedPorts = List.copyOf(allowedPorts);
    }

    /** What a gateway running with {@code offer} advertises. */
    public static GatewayService of(GatewayOffer offer) {
        return new GatewayService(offer.pricePerGbDroplets(), offer.region(), offer.policy().allowedPorts());
    }

    /** True when {@code region} is 1..32 characters of a-z, 0-9 and '-' (what a record can carry). */
    public static boolean isValidRegion(String region) {
        if (region.isEmpty() || region.length() > MAX_REGION_LENGTH) {
            return false;
        }
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
