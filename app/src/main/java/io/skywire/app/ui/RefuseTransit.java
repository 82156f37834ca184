package io.skywire.app.ui;

import io.skywire.node.payment.PaymentPolicy;

/**
 * The payment policy of a node whose user turned forwarding for others off. node-core has no separate switch for
 * transit: a hop admits a route only when it is offered at least the policy's price, so asking the highest price
 * there is refuses every unpaid setup, and a setup that offers even that much is given no allowance, so not one byte
 * of it is forwarded. Routes this node opens, and routes that end here (a gateway's), never meet the policy.
 */
final class RefuseTransit implements PaymentPolicy {

    @Override
    public long pricePerGb() {
        return Long.MAX_VALUE;
    }

    @Override
    public long opened(byte[] paymentSalt, long pricePerGb) {
        return 0;
    }

    @Override
    public long paid(byte[] paymentSalt, byte[] message) {
        return 0;
    }

    @Override
    public void closed(byte[] paymentSalt) {
        // Nothing was forwarded, so nothing is owed.
    }
}
