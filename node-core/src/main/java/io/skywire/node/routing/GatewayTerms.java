package io.skywire.node.routing;

import java.util.Objects;

/**
 * What the routing graph knows of a node's clearnet gateway: its price and region. It is the part of a
 * gateway's advertised offer that route choice needs, kept apart from the exit's own configuration.
 *
 * @param pricePerGbDroplets price per 10^9 bytes carried to and from the clearnet, in droplets
 * @param region             free-form region label such as "eu-west"
 */
public record GatewayTerms(long pricePerGbDroplets, String region) {

    public GatewayTerms {
        Objects.requireNonNull(region, "region");
        if (pricePerGbDroplets < 0) {
            throw new IllegalArgumentException("gateway price must not be negative");
        }
    }
}
