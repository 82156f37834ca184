package io.skywire.node.vpn;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read loop both tunnel ends run on their own thread: each packet the TUN device gives is checked as IPv4
 * (anything else, IPv6 included, is counted {@link VpnCounter#DROPPED_NOT_IPV4} and dropped) and handed on with its
 * header. The handler gets the shared buffer and must copy what it keeps.
 */
public final class TunPump {

    private static final Logger LOG = LoggerFactory.getLogger(TunPump.class);
    private static final int POLL_MILLIS = 250;

    /** What is done with each valid packet: {@code buffer[0, length)}. */
    public interface Handler {
        void packet(byte[] buffer, int length, Ipv4Packet header);

        /** No further packet is waiting: send what was gathered (packets are batched while the device has more). */
        void flush();
    }

    private TunPump() {
    }

    /** Reads until {@code running} turns false or the device fails. */
    public static void run(TunDevice tun, BooleanSupplier running, VpnCounters counters, Handler handler) {
        byte[] buffer = new byte[Ipv4Packet.MAX_LENGTH];
        boolean gathered = false;
        while (running.getAsBoolean()) {
            int length;
            try {
                length = tun.read(buffer, gathered ? 0 : POLL_MILLIS);
            } catch (IOException e) {
                if (running.getAsBoolean()) {
                    LOG.warn("stopped reading {}: {}", tun.name(), e.getMessage());
                }
                return;
            }
            if (length <= 0) {
                if (gathered) {
                    handler.flush();
                    gathered = false;
                }
                continue;
            }
            Ipv4Packet header;
            try {
                header = Ipv4Packet.parse(buffer, 0, length);
            } catch (MalformedPacketException e) {
                counters.increment(VpnCounter.DROPPED_NOT_IPV4);
                continue;
            }
            handler.packet(buffer, length, header);
            gathered = true;
        }
    }
}
