package io.skywire.wallet.escrow;

import io.skywire.wallet.ledger.Droplets;

/**
 * How far a route's promises have been settled.
 *
 * @param lastSequence the sequence number of the latest settled promise; 0 before the first
 * @param settled the total owed by that promise, all of it paid to the route's payee
 */
public record SettledRoute(long lastSequence, Droplets settled) {
}
