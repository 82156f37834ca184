package io.skywire.node.service;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.skywire.node.service.chat.ChatMessages;
import io.skywire.node.service.sync.LogEntry;
import io.skywire.node.service.sync.SyncMessages;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer fuzz tests: arbitrary bytes as a service route's byte stream (framing, then every channel's codec), as a
 * route's opening, and as a log entry yield messages, refusals or the one declared exception, never another
 * exception. Without JAZZER_FUZZ they replay their seeds as regression tests.
 */
class ServiceFuzzTest {


    private static final MessageCodec SYNC = new MessageCodec(SyncMessages.ALL);
    private static final MessageCodec CHAT = new MessageCodec(ChatMessages.ALL);

    @FuzzTest(maxDuration = "30s")
    void aStreamYieldsMessagesOrRefusalsOrABrokenStream(byte[] input) {
        ServiceFrames.Reader reader = new ServiceFrames.Reader();
        try {
            int half = input.length / 2;
            List<ServiceFrames.Frame> frames = new ArrayList<>(reader.feed(java.util.Arrays.copyOf(input, half)));
            frames.addAll(reader.feed(java.util.Arrays.copyOfRange(input, half, input.length)));
            for (ServiceFrames.Frame frame : frames) {
                check(SYNC.decode(frame));
                check(CHAT.decode(frame));
            }
        } catch (ServiceFrames.BrokenStreamException expected) {
            // The one allowed failure.
        }
    }

    private static void check(MessageCodec.Decoded decoded) {
        if (decoded instanceof MessageCodec.Message message && message.message() == null) {
            throw new IllegalStateException("a message without a value");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void openingsAndEntriesOnlyFailWithMessageFormatException(byte[] input) {
        try {
            ServiceOpen.decode(input).verifiedFor(ServiceOpen.decode(input).origin());
        } catch (MessageFormatException expected) {
            // The one allowed failure.
        }
        try {
            LogEntry entry = LogEntry.decode(input);
            entry.signatureValid();
            if (!java.util.Arrays.equals(entry.bytes(), input)) {
                throw new IllegalStateException("an entry decoded from other bytes than it encodes to");
            }
        } catch (MessageFormatException expected) {
            // The one allowed failure.
        }
    }
}
