package io.skywire.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-sender buffer policy on a line a - b - c driven by hand: b blocks a when a route, or a's buffer at b,
 * fills while b cannot forward, unblocks it once drained, and every byte arrives at c once and in order; lost
 * and late BLOCK frames, blocks never lifted, floods, the other policy's frames and a sender that ignores
 * BLOCKs are each handled and counted.
 */
class PerSenderBufferTest {

    private static final int ROUTE_BUFFER = 16 * 1024;
    private static final long BLOCK_TIMEOUT = 3_000_000_000L;

    private static EngineConfig perSender(int senderBufferBytes) {
        return EngineConfig.defaults().withBuffers(new BufferSettings(BufferPolicy.PER_SENDER_BUFFER,
                senderBufferBytes, BLOCK_TIMEOUT));
    }

    /** An origin-side stream of {@code total} patterned bytes on one route, sent as far as the engine accepts. */
    private static final class Stream {
        final RouteHandle route;
        final long total;
        final int pattern;
        long written;

        Stream(RouteHandle route, long total, int pattern) {
            this.route = route;
            this.total = total;
            this.pattern = pattern;
        }

        void pump(EngineLine line, NodeEngine origin) {
            while (written < total) {
                int length = (int) Math.min(origin.maxPayload(route), total - written);
                byte[] payload = new byte[length];
                for (int i = 0; i < length; i++) {
                    payload[i] = expected(written + i);
                }
                if (origin.send(line.now, route, payload) != SendResult.ACCEPTED) {
                    return;
                }
                written += length;
            }
        }

        byte expected(long position) {
            return (byte) ((position * 31 + pattern) % 251);
        }
    }

    private static RouteHandle open(EngineLine line, int bufferBytes) throws DecodeException {
        RouteHandle route = line.node(0).openRoute(line.now, new RouteSpec(line.pathFrom(0), QosClass.BULK,
                ForwardingMode.STORE_AND_FORWARD, bufferBytes));
        line.run(5);
        assertThat(line.events.get(0)).contains(new NodeEvent.RouteEstablished(route));
        return route;
    }

    /** Runs the line while pumping the streams, {@code rounds} times. */
    private static void drive(EngineLine line, int rounds, Stream... streams) throws DecodeException {
        for (int r = 0; r < rounds; r++) {
            for (Stream stream : streams) {
                stream.pump(line, line.node(0));
            }
            line.run(1);
        }
    }

    /** The bytes the last node received, one stream per incoming route, in arrival order of the routes. */
    private static List<byte[]> received(EngineLine line) {
        java.util.Map<RouteHandle, ByteArrayOutputStream> byRoute = new java.util.LinkedHashMap<>();
        for (NodeEvent event : line.events.get(line.nodes.size() - 1)) {
            if (event instanceof NodeEvent.Delivered delivered) {
                byRoute.computeIfAbsent(delivered.route(), r -> new ByteArrayOutputStream())
                        .writeBytes(delivered.payload());
            }
        }
        return byRoute.values().stream().map(ByteArrayOutputStream::toByteArray).toList();
    }

    private static void assertStream(byte[] received, Stream stream) {
        assertThat(received).hasSize((int) stream.total);
        for (int i = 0; i < received.length; i++) {
            if (received[i] != stream.expected(i)) {
                throw new AssertionError("byte " + i + " differs");
            }
        }
    }

    @Test
    void aRouteThatFillsItsBufferIsBlockedThenUnblockedAndEveryByteArrivesOnce() throws DecodeException {
        EngineLine line = new EngineLine(3, perSender(1 << 20), 1);
        Stream stream = new Stream(open(line, ROUTE_BUFFER), 200_000, 7);
        line.forwardPaused[1] = true;
        drive(line, 200, stream);
        NodeEngine a = line.node(0);
        NodeEngine b = line.node(1);
        assertThat(b.counters().get(Counter.BLOCKS_SENT)).isEqualTo(1);
        assertThat(a.counters().get(Counter.BLOCKS_RECEIVED)).isEqualTo(1);
        // b holds the route's buffer and what a had in flight when the BLOCK came (at most a's own route buffer:
        // the BLOCK is reactive, credit would have stopped a at exactly the buffer); then a stopped.
        assertThat(b.bufferedBytes()).isGreaterThanOrEqualTo(ROUTE_BUFFER).isLessThanOrEqualTo(2L * ROUTE_BUFFER);
        long writtenWhileBlocked = stream.written;
        drive(line, 100, stream);
        assertThat(stream.written).isEqualTo(writtenWhileBlocked);
        assertThat(EngineLine.frames(line.forward.get(0), Frame.Credit.class)).isEmpty();
        assertThat(EngineLine.frames(line.backward.get(0), Frame.Credit.class)).isEmpty();

        line.forwardPaused[1] = false;
        drive(line, 3_000, stream);
        assertThat(b.counters().get(Counter.UNBLOCKS_SENT)).isGreaterThanOrEqualTo(1);
        assertThat(a.counters().get(Counter.UNBLOCKS_RECEIVED)).isEqualTo(b.counters().get(Counter.UNBLOCKS_SENT));
        assertThat(stream.written).isEqualTo(stream.total);
        List<byte[]> received = received(line);
        assertThat(received).hasSize(1);
        assertStream(received.get(0), stream);
        assertThat(b.counters().get(Counter.DATA_OVER_BUFFER)).isZero();
        assertThat(b.bufferedBytes()).isZero();
    }

    @Test
    void aFullSenderBufferBlocksEachRouteThatArrivesOnIt() throws DecodeException {
        int senderBuffer = 32 * 1024;
        EngineLine line = new EngineLine(3, perSender(senderBuffer), 2);
        Stream first = new Stream(open(line, 64 * 1024), 150_000, 1);
        Stream second = new Stream(open(line, 64 * 1024), 150_000, 2);
        line.forwardPaused[1] = true;
        drive(line, 300, first, second);
        NodeEngine b = line.node(1);
        // Neither route reached its own 64 KiB: the sender's buffer blocked both.
        assertThat(b.counters().get(Counter.BLOCKS_SENT)).isEqualTo(2);
        // The sender's buffer, plus at most what a's two route buffers let it have in flight at the BLOCKs.
        assertThat(b.bufferedBytes()).isGreaterThanOrEqualTo(senderBuffer)
                .isLessThanOrEqualTo(senderBuffer + 2L * 64 * 1024);
        long writtenWhileBlocked = first.written + second.written;
        drive(line, 100, first, second);
        assertThat(first.written + second.written).isEqualTo(writtenWhileBlocked);

        line.forwardPaused[1] = false;
        drive(line, 5_000, first, second);
        assertThat(b.counters().get(Counter.UNBLOCKS_SENT)).isGreaterThanOrEqualTo(2);
        List<byte[]> received = received(line);
        assertThat(received).hasSize(2);
        int firstIndex = received.get(0)[0] == first.expected(0) ? 0 : 1;
        assertStream(received.get(firstIndex), first);
        assertStream(received.get(1 - firstIndex), second);
    }

    @Test
    void aLostBlockIsResentAndALateCopyOfAnOlderFrameChangesNothing() throws DecodeException {
        EngineLine line = new EngineLine(3, perSender(1 << 20), 3);
        Stream stream = new Stream(open(line, ROUTE_BUFFER), 300_000, 3);
        boolean[] droppedOne = new boolean[1];
        line.backwardDrop.set(0, datagram -> {
            if (!droppedOne[0] && EngineLine.carries(datagram, Frame.Block.class)) {
                droppedOne[0] = true;
                return true;
            }
            return false;
        });
        line.forwardPaused[1] = true;
        drive(line, 2_000, stream);
        NodeEngine a = line.node(0);
        assertThat(droppedOne[0]).isTrue();
        List<Frame.Block> arrived = EngineLine.frames(line.backward.get(0), Frame.Block.class);
        assertThat(arrived).isNotEmpty().allMatch(Frame.Block::block);
        assertThat(a.counters().get(Counter.BLOCKS_RECEIVED)).isEqualTo(1);
        long writtenWhileBlocked = stream.written;
        drive(line, 100, stream);
        assertThat(stream.written).isEqualTo(writtenWhileBlocked);

        line.forwardPaused[1] = false;
        drive(line, 5_000, stream);
        List<Frame.Block> frames = EngineLine.frames(line.backward.get(0), Frame.Block.class);
        Frame.Block lastUnblock = frames.stream().filter(f -> !f.block()).reduce((x, y) -> y).orElseThrow();
        Frame.Block firstBlock = frames.get(0);
        assertThat(lastUnblock.sequence()).isGreaterThan(firstBlock.sequence());
        // A copy of the first BLOCK arriving now, as a spurious resend would, is older than the UNBLOCK.
        line.inject(0, true, firstBlock);
        assertThat(a.counters().get(Counter.BLOCKS_STALE)).isEqualTo(1);
        assertThat(stream.written).isEqualTo(stream.total);
        assertStream(received(line).get(0), stream);
    }

    /** The id node b uses to reach node a on the first route: from the CONFIRM b sent back. */
    private static RouteId idAtA(EngineLine line) {
        return EngineLine.frames(line.backward.get(0), Frame.Confirm.class).get(0).route();
    }

    @Test
    void aBlockThatIsNeverLiftedOrRepeatedLapsesAfterTheTimeout() throws DecodeException {
        EngineLine line = new EngineLine(3, perSender(1 << 20), 4);
        Stream stream = new Stream(open(line, ROUTE_BUFFER), 100_000, 4);
        NodeEngine a = line.node(0);
        // A hostile b: blocks the route and then says nothing more about it.
        line.inject(0, true, new Frame.Block(idAtA(line), true, 9));
        drive(line, 100, stream);
        assertThat(a.counters().get(Counter.BLOCKS_RECEIVED)).isEqualTo(1);
        assertThat(EngineLine.frames(line.forward.get(0), Frame.Data.class)).isEmpty();
        assertThat(stream.written).isLessThanOrEqualTo(ROUTE_BUFFER);

        // 3 s later the block lapses at a's next housekeeping, and the data flows.
        drive(line, 45_000, stream);
        assertThat(a.counters().get(Counter.BLOCKS_EXPIRED)).isEqualTo(1);
        assertThat(stream.written).isEqualTo(stream.total);
        assertStream(received(line).get(0), stream);
    }

    @Test
    void floodsOfBlocksAndTheOtherPolicysFramesAreCountedAndChangeNothingElse() throws DecodeException {
        EngineLine line = new EngineLine(3, perSender(1 << 20), 5);
        Stream stream = new Stream(open(line, ROUTE_BUFFER), 50_000, 5);
        NodeEngine a = line.node(0);
        RouteId id = idAtA(line);
        Frame[] flood = new Frame[1_000];
        for (int i = 0; i < flood.length; i++) {
            // The same sequence over and over: only the first is obeyed.
            flood[i] = new Frame.Block(id, i % 2 == 0, 100);
        }
        line.inject(0, true, flood);
        assertThat(a.counters().get(Counter.BLOCKS_RECEIVED)).isEqualTo(1);
        assertThat(a.counters().get(Counter.BLOCKS_STALE)).isEqualTo(999);
        line.inject(0, true, new Frame.Block(id, false, 101), new Frame.Credit(id, 1 << 30));
        assertThat(a.counters().get(Counter.FRAMES_POLICY_MISMATCH)).isEqualTo(1);
        drive(line, 2_000, stream);
        assertStream(received(line).get(0), stream);

        // A credit node told to block counts the mismatch and goes on.
        EnginePair credit = new EnginePair(6,
                EngineConfig.defaults().withBuffers(BufferSettings.of(BufferPolicy.PER_ROUTE_CREDIT)));
        RouteHandle route = credit.a.openRoute(credit.now, new RouteSpec(List.of(credit.b.publicKey()),
                QosClass.BULK, ForwardingMode.STORE_AND_FORWARD, ROUTE_BUFFER));
        credit.exchange();
        assertThat(credit.a.send(credit.now, route, new byte[10])).isEqualTo(SendResult.ACCEPTED);
        credit.exchange();
        credit.b.handleDatagram(credit.now, EnginePair.LINK,
                EnginePair.datagram(1_000, new Frame.Block(credit.forwardId(), true, 1)));
        assertThat(credit.b.counters().get(Counter.FRAMES_POLICY_MISMATCH)).isEqualTo(1);
    }

    @Test
    void aSenderThatIgnoresBlocksIsCutOffAtTheHardLimit() throws DecodeException {
        int senderBuffer = 16 * 1024;
        EngineLine line = new EngineLine(3, perSender(senderBuffer), 7);
        Stream stream = new Stream(open(line, ROUTE_BUFFER), 2_000, 6);
        drive(line, 50, stream);
        line.forwardPaused[1] = true;
        NodeEngine b = line.node(1);
        List<Frame.Data> sent = EngineLine.frames(line.forward.get(0), Frame.Data.class);
        RouteId id = sent.get(0).route();
        Frame.Data last = sent.get(sent.size() - 1);
        long offset = last.offset() + last.payload().length;
        byte[] payload = new byte[1_000];
        // a's engine would stop at the BLOCK; a hostile a goes on writing in order, far past the hard limit.
        for (int d = 0; d < 60; d++) {
            Frame[] frames = new Frame[50];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new Frame.Data(id, offset, payload);
                offset += payload.length;
            }
            line.inject(0, false, frames);
        }
        long hardLimit = senderBuffer + BufferSettings.OVERSHOOT_WINDOWS
                * (long) (EngineConfig.defaults().maxInFlightPackets() + 16) * EngineConfig.DEFAULT_MTU;
        assertThat(b.counters().get(Counter.BLOCKS_SENT)).isEqualTo(1);
        assertThat(b.counters().get(Counter.DATA_OVER_BUFFER)).isPositive();
        assertThat(b.bufferedBytes()).isLessThanOrEqualTo(hardLimit).isGreaterThan(hardLimit - payload.length);
    }

    @Test
    void blockFramesRoundTripAndUnknownFlagsOrASequenceOfZeroAreMalformed() throws DecodeException {
        RouteId id = new RouteId(0x0102030405060708L, -2);
        byte[] bytes = EnginePair.datagram(3, new Frame.Block(id, true, 77), new Frame.Block(id, false, 78));
        assertThat(bytes).hasSize(DatagramCodec.HEADER_BYTES + 2 * Frame.Block.BYTES);
        assertThat(bytes[DatagramCodec.HEADER_BYTES]).isEqualTo((byte) 0x0F);
        assertThat(bytes[DatagramCodec.HEADER_BYTES + 1]).isEqualTo((byte) 0x01);
        assertThat(DatagramCodec.decode(bytes).frames())
                .containsExactly(new Frame.Block(id, true, 77), new Frame.Block(id, false, 78));
        byte[] badFlags = EnginePair.datagram(3, new Frame.Block(id, true, 77));
        badFlags[DatagramCodec.HEADER_BYTES + 1] = 0x03;
        assertThatThrownBy(() -> DatagramCodec.decode(badFlags)).isInstanceOf(DecodeException.class);
        byte[] zero = EnginePair.datagram(3, new Frame.Block(id, true, 0));
        assertThatThrownBy(() -> DatagramCodec.decode(zero)).isInstanceOf(DecodeException.class);
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> DatagramCodec.decode(truncated)).isInstanceOf(DecodeException.class);
    }

    @Test
    void settingsRefuseALapseShorterThanThreeHousekeepingPeriods() {
        BufferSettings tooShort = new BufferSettings(BufferPolicy.PER_SENDER_BUFFER, 1 << 20, 2_000_000_000L);
        assertThatThrownBy(() -> EngineConfig.defaults().withBuffers(tooShort))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("housekeeping");
        assertThatThrownBy(() -> new BufferSettings(BufferPolicy.PER_SENDER_BUFFER, 1_000, BLOCK_TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
