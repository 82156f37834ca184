package io.skywire.node.discovery.pex;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import io.skywire.node.identity.NodeId;
import io.skywire.node.limit.SourceLimiter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Peer exchange driven by hand in virtual time: who is answered, what is refused and counted, what is sent when. */
class PeerExchangeTest {

    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress STRANGER = new InetSocketAddress("10.0.0.66", 7700);
    private static final InetSocketAddress NEIGHBOUR = new InetSocketAddress("10.0.0.2", 7700);

    /** Accepts records whose signature verifies; shares what it holds. */
    private static final class Directory implements PeerExchange.RecordSink {
        final Map<NodeId, NodeRecord> held = new HashMap<>();
        final List<InetSocketAddress> hints = new ArrayList<>();

        @Override
        public PeerExchange.Offered offer(NodeRecord record, InetSocketAddress dialHint) {
            if (!NodeRecordCodec.verifySignature(record)) {
                return PeerExchange.Offered.REFUSED;
            }
            hints.add(dialHint);
            return held.put(record.nodeKey(), record) == null ? PeerExchange.Offered.NEW : PeerExchange.Offered.KNOWN;
        }

        @Override
        public List<NodeRecord> shareWith(NodeId asker, int max) {
            return held.values().stream().filter(r -> !r.nodeKey().equals(asker)).limit(max).toList();
        }
    }

    private final Directory directory = new Directory();
    private final NodeRecord self = SignedRecords.record("10.0.0.1", 7700);
    private final PeerExchange pex = new PeerExchange(60 * SECOND, 32, new SplittableRandom(1),
            new SourceLimiter<>(20, 40, 500, 1000, 64), directory);

    private List<PeerExchange.Outgoing> drain() {
        List<PeerExchange.Outgoing> out = new ArrayList<>();
        PeerExchange.Outgoing next;
        while ((next = pex.pollOutgoing()) != null) {
            out.add(next);
        }
        return out;
    }

    private static PexMessage decode(PeerExchange.Outgoing out) throws PexDecodeException {
        return PexCodec.decode(out.message());
    }

    @Test
    void aHelloWithAValidRecordIsAnsweredWithOursAndAForgedOneIsNot() throws Exception {
        pex.selfRecord(self);
        NodeRecord theirs = SignedRecords.record("10.0.0.9", 7700);
        pex.onMessage(0, STRANGER, PexCodec.encode(new PexMessage.Hello(77, theirs)));

        List<PeerExchange.Outgoing> out = drain();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).to()).isEqualTo(STRANGER);
        assertThat(decode(out.get(0))).isEqualTo(new PexMessage.HelloReply(77, self));
        assertThat(directory.hints).containsExactly(STRANGER);

        byte[] forged = SignedRecords.forged(SignedRecords.record("10.0.0.10", 7700));
        byte[] hello = ByteBuffer.allocate(11 + forged.length).put((byte) 1).putLong(78)
                .putShort((short) forged.length).put(forged).array();
        pex.onMessage(1, STRANGER, hello);
        assertThat(drain()).as("no answer to a forged record").isEmpty();
        assertThat(pex.counters().get(PexCounter.HELLOS_REFUSED)).isEqualTo(1);
        assertThat(pex.counters().get(PexCounter.HELLOS_ANSWERED)).isEqualTo(1);
    }

    @Test
    void aBootstrapHelloIsRetriedWithBackOffUntilAnsweredAndOnlyTheRightAnswerCounts() throws Exception {
        pex.hello(0, STRANGER);
        assertThat(drain()).as("no HELLO before our record exists").isEmpty();
        pex.selfRecord(self);
        pex.handleTimeout(0);
        long nonce = ((PexMessage.Hello) decode(drain().get(0))).nonce();

        pex.handleTimeout(SECOND);
        pex.handleTimeout(2 * SECOND);
        pex.handleTimeout(3 * SECOND);
        assertThat(drain()).as("resent at 1 s and 3 s (1 s, then 2 s back-off)").hasSize(2);
        assertThat(pex.nextTimeout()).isEqualTo(7 * SECOND);

        NodeRecord theirs = SignedRecords.record("10.0.0.66", 7700);
        pex.onMessage(4 * SECOND, STRANGER, PexCodec.encode(new PexMessage.HelloReply(nonce + 1, theirs)));
        pex.onMessage(4 * SECOND, NEIGHBOUR, PexCodec.encode(new PexMessage.HelloReply(nonce, theirs)));
        assertThat(pex.counters().get(PexCounter.UNEXPECTED_REPLY)).isEqualTo(2);
        assertThat(directory.held).isEmpty();

        pex.onMessage(4 * SECOND, STRANGER, PexCodec.encode(new PexMessage.HelloReply(nonce, theirs)));
        assertThat(directory.held).containsKey(theirs.nodeKey());
        assertThat(directory.hints).containsExactly(STRANGER);
        assertThat(pex.nextTimeout()).as("no more HELLOs").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aBootstrapNodeThatAnswersWithGarbageIsGreetedAgainAndNothingIsStored() throws Exception {
        pex.selfRecord(self);
        pex.hello(0, STRANGER);
        long nonce = ((PexMessage.Hello) decode(drain().get(0))).nonce();
        byte[] garbage = SignedRecords.patched(PexCodec.encode(new PexMessage.HelloReply(nonce,
                SignedRecords.record("10.0.0.66", 7700))), 11, 0x7f);
        pex.onMessage(SECOND / 2, STRANGER, garbage);
        pex.onMessage(SECOND / 2, STRANGER, new byte[] {2, 0, 0});

        assertThat(pex.counters().get(PexCounter.MALFORMED)).isEqualTo(2);
        assertThat(directory.held).isEmpty();
        pex.handleTimeout(SECOND);
        assertThat(decode(drain().get(0))).isEqualTo(new PexMessage.Hello(nonce, self));
    }

    @Test
    void neighboursAreAskedAtLinkUpAgainAfterTwoSecondsThenEveryInterval() throws Exception {
        pex.selfRecord(self);
        NodeRecord neighbour = SignedRecords.record("10.0.0.2", 7700);
        pex.neighbourUp(0, neighbour.nodeKey(), NEIGHBOUR);
        assertThat(decode(drain().get(0))).isInstanceOf(PexMessage.Request.class);
        assertThat(pex.nextTimeout()).isEqualTo(2 * SECOND);
        pex.handleTimeout(2 * SECOND);
        assertThat(drain()).hasSize(1);
        assertThat(pex.nextTimeout()).isBetween(2 * SECOND + 45 * SECOND, 2 * SECOND + 75 * SECOND);

        pex.neighbourDown(NEIGHBOUR);
        assertThat(pex.nextTimeout()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void requestsAndRecordsFromAddressesWithoutALinkAreRefused() throws Exception {
        pex.selfRecord(self);
        pex.onMessage(0, STRANGER, PexCodec.encode(new PexMessage.Request(1)));
        pex.onMessage(0, STRANGER, PexCodec.encode(new PexMessage.Records(1,
                List.of(SignedRecords.record("10.0.0.3", 7700)))));

        assertThat(drain()).isEmpty();
        assertThat(directory.held).isEmpty();
        assertThat(pex.counters().get(PexCounter.NOT_NEIGHBOUR)).isEqualTo(2);
    }

    @Test
    void aRequestIsAnsweredWithHeldRecordsSplitIntoMessagesThatFitADatagram() throws Exception {
        pex.selfRecord(self);
        NodeRecord neighbour = SignedRecords.record("10.0.0.2", 7700);
        pex.neighbourUp(0, neighbour.nodeKey(), NEIGHBOUR);
        drain();
        for (int i = 0; i < 30; i++) {
            NodeRecord other = SignedRecords.record("10.0.1." + (i + 1), 7700);
            directory.held.put(other.nodeKey(), other);
        }
        pex.onMessage(0, NEIGHBOUR, PexCodec.encode(new PexMessage.Request(5)));

        List<PeerExchange.Outgoing> out = drain();
        int records = 0;
        assertThat(out).hasSizeGreaterThan(1);
        for (PeerExchange.Outgoing message : out) {
            assertThat(message.message().length).isLessThanOrEqualTo(PexCodec.MAX_BYTES);
            PexMessage.Records decoded = (PexMessage.Records) decode(message);
            assertThat(decoded.nonce()).isEqualTo(5);
            records += decoded.records().size();
        }
        assertThat(records).isEqualTo(30);
    }

    @Test
    void recordsFromANeighbourAreOfferedAndForgedOnesRefused() throws Exception {
        pex.selfRecord(self);
        NodeRecord neighbour = SignedRecords.record("10.0.0.2", 7700);
        pex.neighbourUp(0, neighbour.nodeKey(), NEIGHBOUR);
        NodeRecord good = SignedRecords.record("10.0.0.4", 7700);
        byte[] forged = SignedRecords.forged(SignedRecords.record("10.0.0.5", 7700));
        byte[] goodBytes = good.encoded();
        byte[] message = ByteBuffer.allocate(10 + 4 + goodBytes.length + forged.length).put((byte) 4)
                .putLong(1).put((byte) 2).putShort((short) goodBytes.length).put(goodBytes)
                .putShort((short) forged.length).put(forged).array();

        pex.onMessage(0, NEIGHBOUR, message);

        assertThat(directory.held).containsOnlyKeys(good.nodeKey());
        assertThat(directory.hints).containsExactly((InetSocketAddress) null);
        assertThat(pex.counters().get(PexCounter.RECORDS_ACCEPTED)).isEqualTo(1);
        assertThat(pex.counters().get(PexCounter.RECORDS_REFUSED)).isEqualTo(1);
    }

    @Test
    void aNeighboursOwnNewRecordIsPushedToTheOthersAndSecondHandRecordsAreNot() throws Exception {
        pex.selfRecord(self);
        NodeRecord first = SignedRecords.record("10.0.0.2", 7700);
        NodeRecord second = SignedRecords.record("10.0.0.3", 7700);
        InetSocketAddress secondAddress = new InetSocketAddress("10.0.0.3", 7700);
        pex.neighbourUp(0, first.nodeKey(), NEIGHBOUR);
        pex.neighbourUp(0, second.nodeKey(), secondAddress);
        drain();

        pex.onMessage(SECOND, NEIGHBOUR, PexCodec.encode(new PexMessage.Records(1, List.of(first,
                SignedRecords.record("10.0.0.7", 7700)))));
        List<PeerExchange.Outgoing> pushed = drain();
        assertThat(pushed).hasSize(1);
        assertThat(pushed.get(0).to()).isEqualTo(secondAddress);
        assertThat(decode(pushed.get(0))).isEqualTo(new PexMessage.Records(
                ((PexMessage.Records) decode(pushed.get(0))).nonce(), List.of(first)));

        pex.onMessage(2 * SECOND, NEIGHBOUR, PexCodec.encode(new PexMessage.Records(2, List.of(first))));
        assertThat(drain()).as("known already: not pushed again").isEmpty();
    }

    @Test
    void garbageIsCountedAndAFloodIsCutBeforeDecoding() {
        pex.selfRecord(self);
        Random random = new Random(3);
        for (int i = 0; i < 30; i++) {
            byte[] junk = new byte[random.nextInt(1_500)];
            random.nextBytes(junk);
            pex.onMessage(i * SECOND, new InetSocketAddress("10.0.2." + i, 7700), junk);
        }
        assertThat(pex.counters().get(PexCounter.MALFORMED)).isEqualTo(30);

        byte[] hello = PexCodec.encode(new PexMessage.Hello(1, SignedRecords.record("10.0.0.9", 7700)));
        for (int i = 0; i < 10_000; i++) {
            pex.onMessage(100 * SECOND, STRANGER, hello);
        }
        assertThat(pex.counters().get(PexCounter.RATE_LIMITED)).isEqualTo(10_000 - 40);
        assertThat(drain()).as("answers only within the burst").hasSize(40);
    }
}
