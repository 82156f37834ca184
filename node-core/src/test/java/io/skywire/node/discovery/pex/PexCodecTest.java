package io.skywire.node.discovery.pex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.discovery.NodeRecord;
import io.skywire.node.discovery.NodeRecordCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PexCodecTest {

    private final NodeRecord record = SignedRecords.record("10.0.0.1", 7700);

    @Test
    void everyMessageRoundTrips() throws Exception {
        List<PexMessage> messages = List.of(new PexMessage.Hello(7, record), new PexMessage.HelloReply(-1, record),
                new PexMessage.Request(42),
                new PexMessage.Records(9, List.of(record, SignedRecords.record("10.0.0.2", 1))),
                new PexMessage.Records(3, List.of()));
        for (PexMessage message : messages) {
            assertThat(PexCodec.decode(PexCodec.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        byte[] request = PexCodec.encode(new PexMessage.Request(0x0102030405060708L));
        assertThat(HexFormat.of().formatHex(request)).isEqualTo("030102030405060708");
        byte[] hello = PexCodec.encode(new PexMessage.Hello(1, record));
        assertThat(hello[0]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(hello, 9, 2).getShort()).isEqualTo((short) record.encodedLength());
        assertThat(hello).hasSize(11 + record.encodedLength());
    }

    @Test
    void refusesEveryMalformedShape() {
        byte[] hello = PexCodec.encode(new PexMessage.Hello(1, record));
        byte[] records = PexCodec.encode(new PexMessage.Records(1, List.of(record)));
        List<byte[]> bad = new ArrayList<>(List.of(
                new byte[0],
                new byte[8],
                SignedRecords.patched(PexCodec.encode(new PexMessage.Request(1)), 0, 0x09),    // unknown type
                Arrays.copyOf(PexCodec.encode(new PexMessage.Request(1)), 10),        // trailing byte
                Arrays.copyOf(hello, hello.length - 1),                                // truncated record
                Arrays.copyOf(hello, 10),                                              // half a length
                SignedRecords.patched(hello, 9, 0x7f),                                          // length overruns
                SignedRecords.patched(SignedRecords.patched(hello, 9, 0), 10, 0),                // length 0
                SignedRecords.patched(hello, 11, 0x09),                                          // record version
                SignedRecords.patched(records, 9, 17),                                           // count above 16
                SignedRecords.patched(records, 9, 2),                                            // count above content
                Arrays.copyOf(records, 9),                                             // no count
                new byte[PexCodec.MAX_BYTES + 1]));
        for (byte[] bytes : bad) {
            assertThatThrownBy(() -> PexCodec.decode(bytes)).isInstanceOf(PexDecodeException.class);
        }
    }

    @Test
    void aForgedRecordStillDecodesForTheStoreToRefuse() throws Exception {
        byte[] forged = SignedRecords.forged(record);
        byte[] message = ByteBuffer.allocate(11 + forged.length).put((byte) 1).putLong(5)
                .putShort((short) forged.length).put(forged).array();
        PexMessage.Hello hello = (PexMessage.Hello) PexCodec.decode(message);
        assertThat(NodeRecordCodec.verifySignature(hello.record())).isFalse();
    }
}
