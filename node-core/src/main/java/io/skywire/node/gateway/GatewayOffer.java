package io.skywire.node.gateway;

import java.util.Objects;

/**
 * What a gateway offers its clients: the price, how many connections it carries at once, where it is, and its
 * exit policy.
 *
 * @param pricePerGbDroplets   price per 10^9 bytes carried, in droplets (1 SKY = 1,000,000 droplets)
 * @param maxConnections       outbound connections open at once; more are refused with NO_CAPACITY
 * @param region               a free-form region label such as "eu-west"
 * @param policy               which destinations it connects to
 * @param connectTimeoutMillis how long an outbound connect may take
 */
public record GatewayOffer(long pricePerGbDroplets, int maxConnections, String region, ExitPolicy policy,
                           int connectTimeoutMillis) {

    public GatewayOffer {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(policy, "policy");
        if (pricePerGbDroplets < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        if (maxConnections < 1 || connectTimeoutMillis < 1) {
            throw new IllegalArgumentException("capacity and connect timeout must be positive");
        }
    }
}
