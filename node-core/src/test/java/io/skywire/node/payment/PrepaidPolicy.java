package io.skywire.node.payment;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for the wallet's policy in node-core tests: a payment message is the 8-byte total paid so far, and
 * the allowance is what that total plus a fixed tolerance covers at the route's price.
 */
public final class PrepaidPolicy implements PaymentPolicy {

    private final long price;
    private final long tolerance;
    private final Map<ByteBuffer, long[]> routes = new HashMap<>();
    /** Every total received, in order. */
    public final List<Long> payments = new ArrayList<>();

    public PrepaidPolicy(long price, long toleranceDroplets) {
        this.price = price;
        this.tolerance = toleranceDroplets;
    }

    /** The message that says {@code droplets} have been paid in total. */
    public static byte[] paying(long droplets) {
        return ByteBuffer.allocate(8).putLong(droplets).array();
    }

    @Override
    public long pricePerGb() {
        return price;
    }

    @Override
    public synchronized long opened(byte[] salt, long pricePerGb) {
        routes.put(ByteBuffer.wrap(salt.clone()), new long[] {pricePerGb, 0});
        return Pricing.covered(tolerance, pricePerGb);
    }

    @Override
    public synchronized long paid(byte[] salt, byte[] message) {
        long[] route = routes.get(ByteBuffer.wrap(salt));
        long total = ByteBuffer.wrap(message).getLong();
        payments.add(total);
        route[1] = Math.max(route[1], total);
        return Pricing.covered(route[1] + tolerance, route[0]);
    }

    @Override
    public synchronized void closed(byte[] salt) {
        routes.remove(ByteBuffer.wrap(salt));
    }
}
