package io.skywire.node.payment;

/**
 * What a forwarding node asks before it extends credit on a paid route: how many bytes the route's payments
 * cover so far. The engine forwards a paid route's bytes only within that allowance; beyond it the route waits
 * (back-pressure: nothing is dropped, the hop's buffer fills and its upstream stops) until a payment raises it.
 * The engine knows nothing of promises, pseudonyms or escrows: a wallet implements this, and the application
 * hands it to the engine, so node-core stays free of money.
 *
 * <p>Routes are named by their 16-byte payment salt, which the engine derives from the hop's onion layer
 * secret (docs/PROTOCOL.md section 7): the origin knows it, nobody else on the route does. Called on the
 * engine's thread only.
 */
public interface PaymentPolicy {

    /** The lowest price per GB (10^9 route bytes), in droplets, this node forwards for; setups below it fail. */
    long pricePerGb();

    /**
     * A route priced at {@code pricePerGb} was set up through this node.
     *
     * @return the bytes this node may forward on it before any payment arrives (its tolerance), at least 0
     */
    long opened(byte[] paymentSalt, long pricePerGb);

    /**
     * A payment message for this node arrived on the route, already opened (its seal proves it comes from the
     * origin). A message the policy refuses leaves the allowance as it was.
     *
     * @return the route's allowance now: the total bytes this node may have forwarded on it
     */
    long paid(byte[] paymentSalt, byte[] message);

    /** The route ended at this node; its latest payment stays with the policy for settlement. */
    void closed(byte[] paymentSalt);
}
