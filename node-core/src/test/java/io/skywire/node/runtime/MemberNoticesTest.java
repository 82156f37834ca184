package io.skywire.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notice splitter: group frames pass untouched however the bytes are cut, notices are taken out. */
class MemberNoticesTest {

    private final ByteArrayOutputStream group = new ByteArrayOutputStream();
    private final List<Integer> lost = new ArrayList<>();
    private final MemberNotices notices = new MemberNotices(group::writeBytes, lost::add);

    @Test
    void noticesBetweenFramesAreTakenOutAtAnySplit() {
        byte[] data = {0x01, 0x00, 0x03, 'a', 'b', 'c'};
        byte[] ack = {0x03, 0x00, 0x00};
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(data);
        wire.writeBytes(MemberNotices.memberLost(2));
        wire.writeBytes(ack);
        wire.writeBytes(MemberNotices.memberLost(255));
        byte[] all = wire.toByteArray();
        for (int i = 0; i < all.length; i++) {
            notices.feed(new byte[] {all[i]});
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(data);
        expected.writeBytes(ack);
        assertThat(group.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(lost).containsExactly(2, 255);
    }

    @Test
    void aNoticeOfTheWrongLengthBreaksTheMember() {
        assertThatThrownBy(() -> notices.feed(new byte[] {0x20, 0x00, 0x02, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        notices.feed(new byte[] {0x01, 0x00, 0x00});
        assertThat(group.size()).isZero();
        assertThat(lost).isEmpty();
    }
}
