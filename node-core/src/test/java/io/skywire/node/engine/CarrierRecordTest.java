package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Link datagrams as records of a route's byte stream: they survive any split into payloads, and bad framing is caught. */
class CarrierRecordTest {

    private static Route route() {
        return new Route(new RouteHandle(1), Route.Role.ORIGIN, QosClass.BULK, ForwardingMode.STORE_AND_FORWARD,
                EngineConfig.MIN_ROUTE_BUFFER_BYTES, 0);
    }

    /** Writes every datagram as records of {@code sender} into payloads of at most {@code room} bytes. */
    private static List<byte[]> payloads(Carrier sender, List<byte[]> datagrams, int room) {
        List<byte[]> out = new ArrayList<>();
        int next = 0;
        while (next < datagrams.size() || sender.hasPending()) {
            byte[] payload = new byte[room];
            int pos = 0;
            while (pos < room) {
                if (sender.hasPending()) {
                    pos = sender.drainPending(payload, pos);
                } else if (next < datagrams.size()) {
                    byte[] datagram = datagrams.get(next++);
                    sender.startRecord(datagram, datagram.length);
                } else {
                    break;
                }
            }
            out.add(Arrays.copyOf(payload, pos));
        }
        return out;
    }

    @Test
    void recordsSurviveEverySplitIntoPayloads() {
        SplittableRandom random = new SplittableRandom(8);
        byte[] tag = new byte[Carrier.TAG_BYTES];
        random.nextBytes(tag);
        for (Carrier.Role role : List.of(Carrier.Role.VIRTUAL_LINK, Carrier.Role.RETURN_SENDER)) {
            List<byte[]> datagrams = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                byte[] datagram = new byte[random.nextInt(1, 3_000)];
                random.nextBytes(datagram);
                datagrams.add(datagram);
            }
            for (int room : new int[] {1, 2, 3, 19, 20, 700, 1_174, 65_535}) {
                Carrier sender = new Carrier(route(), role, null, role == Carrier.Role.RETURN_SENDER ? tag : null);
                Carrier.Role receiving = role == Carrier.Role.VIRTUAL_LINK ? role : Carrier.Role.RETURN_RECEIVER;
                Carrier receiver = new Carrier(route(), receiving, null, null);
                List<byte[]> received = new ArrayList<>();
                for (byte[] payload : payloads(sender, datagrams, room)) {
                    assertThat(receiver.read(payload, (kind, header, datagram) -> {
                        assertThat(kind).isEqualTo(role.sends);
                        if (kind == Carrier.RETURN) {
                            assertThat(Arrays.copyOfRange(header, 1, 1 + Carrier.TAG_BYTES)).isEqualTo(tag);
                        }
                        received.add(datagram);
                    })).isTrue();
                }
                assertThat(received).containsExactlyElementsOf(datagrams);
            }
        }
    }

    @Test
    void badFramingIsRefused() {
        Carrier virtualEnd = new Carrier(route(), Carrier.Role.VIRTUAL_LINK, null, null);
        Carrier.RecordSink none = (kind, header, datagram) -> {
            throw new AssertionError("no record expected");
        };
        // An unknown kind, a return record on a virtual link, an empty record.
        assertThat(new Carrier(route(), Carrier.Role.VIRTUAL_LINK, null, null).read(new byte[] {0x0C, 0, 1, 5}, none))
                .isFalse();
        assertThat(virtualEnd.read(new byte[] {Carrier.RETURN}, none)).isFalse();
        assertThat(new Carrier(route(), Carrier.Role.VIRTUAL_LINK, null, null).read(new byte[] {Carrier.VIRTUAL, 0, 0},
                none)).isFalse();
        // The sender of returns accepts nothing at all.
        assertThat(new Carrier(route(), Carrier.Role.RETURN_SENDER, null, new byte[16]).read(new byte[] {0x0A}, none))
                .isFalse();
    }
}
