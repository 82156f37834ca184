package io.skywire.node.gateway;

import io.skywire.node.vpn.Ipv4Packet;
import io.skywire.node.vpn.TunPump;
import io.skywire.node.vpn.TunnelFrame;
import io.skywire.node.vpn.VpnCounter;
import io.skywire.node.vpn.VpnCounters;
import java.util.HashSet;
import java.util.Set;

/**
 * What both tunnel ends do with packets from their TUN device: pick the lane ({@link #laneFor}), gather the frame
 * there and count it; send every lane's gathered frames when the device has no more. Runs on the TUN reader.
 */
abstract class LaneBatches implements TunPump.Handler {

    /** A packet's lane, and whether that is the real-time one. */
    record Choice(LaneSender sender, boolean realtime) {
    }

    private final VpnCounters counters;
    private final Set<LaneSender> pending = new HashSet<>();

    LaneBatches(VpnCounters counters) {
        this.counters = counters;
    }

    /** The lane for this packet, or null to drop it (the reason already counted). */
    abstract Choice laneFor(int length, Ipv4Packet header);

    /** Called for each packet a lane took. */
    void sent(int length, Ipv4Packet header) {
    }

    @Override
    public final void packet(byte[] buffer, int length, Ipv4Packet header) {
        Choice choice = laneFor(length, header);
        if (choice == null || !choice.sender().send(TunnelFrame.frame(buffer, 0, length), counters)) {
            return;
        }
        pending.add(choice.sender());
        counters.increment(VpnCounter.PACKETS_SENT);
        counters.add(VpnCounter.BYTES_SENT, length);
        if (choice.realtime()) {
            counters.increment(VpnCounter.PACKETS_REALTIME);
        }
        sent(length, header);
    }

    @Override
    public final void flush() {
        pending.forEach(LaneSender::flush);
        pending.clear();
    }
}
