package io.skywire.node.service.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skywire.node.identity.NodeId;
import io.skywire.node.identity.NodeKeyPair;
import io.skywire.node.service.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The signed log and the sync state machine, sans I/O. */
class SyncNodeTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final NodeKeyPair author = NodeKeyPair.generate(RANDOM);
    private final NodeKeyPair mallory = NodeKeyPair.generate(RANDOM);
    private final NodeId peer = NodeKeyPair.generate(RANDOM).nodeId();

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void entriesChainAndEveryFaultIsNamed() throws Exception {
        LogEntry one = LogEntry.append(author, null, text("1"));
        LogEntry two = LogEntry.append(author, one, text("2"));
        LogEntry three = LogEntry.append(author, two, text("3"));
        SignedLog log = new SignedLog(author.nodeId(), 100);
        assertThat(log.offer(two)).isEqualTo(SignedLog.Outcome.GAP);
        assertThat(log.offer(one)).isEqualTo(SignedLog.Outcome.APPENDED);
        assertThat(log.offer(one)).isEqualTo(SignedLog.Outcome.DUPLICATE);
        assertThat(log.offer(LogEntry.append(author, one, text("2 again"))))
                .isEqualTo(SignedLog.Outcome.APPENDED);
        assertThat(log.offer(two)).as("a second entry 2, also signed by the author").isEqualTo(
                SignedLog.Outcome.FORKED);
        assertThat(log.offer(LogEntry.signed(mallory, author.nodeId(), 3, log.headHash(), text("x"))))
                .isEqualTo(SignedLog.Outcome.FORGED);
        assertThat(log.offer(three)).as("3 follows the other 2").isEqualTo(SignedLog.Outcome.BROKEN_CHAIN);
        assertThat(LogEntry.decode(one.bytes())).isEqualTo(one);

        byte[] tampered = three.bytes();
        tampered[tampered.length - 70] ^= 1; // a payload byte
        assertThat(LogEntry.decode(tampered).signatureValid()).isFalse();
        assertThat(log.headSequence()).isEqualTo(2);
    }

    @Test
    void entryBytesAreVersionKeySequencePreviousPayloadSignature() {
        LogEntry one = LogEntry.append(author, null, text("hi"));
        byte[] bytes = one.bytes();
        assertThat(bytes).hasSize(1 + 33 + 8 + 32 + 2 + 2 + 64);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(java.util.Arrays.copyOfRange(bytes, 1, 34)).isEqualTo(author.nodeId().key());
        assertThat(bytes[41]).isEqualTo((byte) 1);
        assertThat(java.util.Arrays.copyOfRange(bytes, 42, 74)).containsOnly(0);
    }

    @Test
    void aFirstEntryNamingAPreviousOneDoesNotDecode() {
        LogEntry bad = LogEntry.signed(author, author.nodeId(), 1, new byte[32], text("ok"));
        byte[] bytes = bad.bytes();
        bytes[50] = 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogEntry.decode(bytes))
                .isInstanceOf(MessageFormatException.class);
    }

    @Test
    void aLongerHeadIsFetchedInBatchesVerifiedAndAnnounced() {
        SyncNode source = new SyncNode(1_000);
        SyncNode follower = new SyncNode(1_000);
        NodeId sourceId = author.nodeId();
        source.follow(author.nodeId());
        follower.follow(author.nodeId());
        LogEntry head = null;
        for (int i = 0; i < 70; i++) {
            head = LogEntry.append(author, head, text("e" + i));
            assertThat(source.append(head)).isTrue();
        }
        follower.addPeer(author.nodeId(), peer); // a third node, to see the announcement
        follower.drainOutgoing();
        follower.handle(sourceId, new SyncMessages.Head(author.nodeId(), 70, head.hash()));
        for (int step = 0; step < 20; step++) {
            for (SyncNode.Outgoing out : follower.drainOutgoing()) {
                if (out.to().equals(sourceId)) {
                    source.handle(peer, out.message());
                }
            }
            for (SyncNode.Outgoing out : source.drainOutgoing()) {
                follower.handle(sourceId, out.message());
            }
        }
        assertThat(follower.log(author.nodeId()).headSequence()).isEqualTo(70);
        assertThat(follower.pollReport()).isNull();
        int appended = 0;
        while (follower.pollAppended() != null) {
            appended++;
        }
        assertThat(appended).isEqualTo(70);
    }

    @Test
    void forgedAndForkedEntriesAreRefusedAndTheirSenderReported() {
        SyncNode node = new SyncNode(1_000);
        node.follow(author.nodeId());
        LogEntry one = LogEntry.append(author, null, text("1"));
        node.handle(peer, new SyncMessages.Entries(List.of(one)));
        LogEntry forged = LogEntry.signed(mallory, author.nodeId(), 2, one.hash(), text("forged"));
        node.handle(peer, new SyncMessages.Entries(List.of(forged)));
        SyncNode.Report report = node.pollReport();
        assertThat(report.peer()).isEqualTo(peer);
        assertThat(report.offence()).isEqualTo(SignedLog.Outcome.FORGED);
        LogEntry fork = LogEntry.signed(author, author.nodeId(), 1, new byte[32], text("other 1"));
        node.handle(peer, new SyncMessages.Entries(List.of(fork)));
        assertThat(node.pollReport().offence()).isEqualTo(SignedLog.Outcome.FORKED);
        assertThat(node.log(author.nodeId()).entries()).containsExactly(one);
        // A log not followed: ignored, not reported.
        node.handle(peer, new SyncMessages.Entries(List.of(LogEntry.append(mallory, null, text("m")))));
        assertThat(node.pollReport()).isNull();
    }
}
