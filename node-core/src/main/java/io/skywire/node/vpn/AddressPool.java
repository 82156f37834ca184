package io.skywire.node.vpn;

import java.util.BitSet;

/**
 * The gateway's tunnel addresses: host 1 of the subnet is the gateway's own (its TUN and DNS resolver), hosts 2 up
 * to the last below broadcast go to clients, one each, and come back when the client's session ends.
 */
public final class AddressPool {

    private final Ipv4Subnet subnet;
    private final BitSet taken = new BitSet();
    private final int hosts;

    public AddressPool(Ipv4Subnet subnet) {
        if (subnet.prefix() > 30) {
            throw new IllegalArgumentException("the tunnel subnet needs at least /30, was " + subnet);
        }
        this.subnet = subnet;
        this.hosts = (int) Math.min(subnet.size() - 2, 1 << 20);
    }

    public Ipv4Subnet subnet() {
        return subnet;
    }

    /** The gateway's own tunnel address. */
    public int gatewayAddress() {
        return subnet.host(1);
    }

    /** A free client address, or 0 when none is left. */
    public int take() {
        int index = taken.nextClearBit(2);
        if (index > hosts) {
            return 0;
        }
        taken.set(index);
        return subnet.host(index);
    }

    /** Gives an address back. */
    public void release(int address) {
        if (subnet.contains(address)) {
            taken.clear(address - subnet.network());
        }
    }

    /** Addresses handed out now. */
    public int inUse() {
        return taken.cardinality();
    }
}
