package io.skywire.node.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skywire.node.gateway.GroupJoins.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's join book without sockets: every verdict, the parking and the window, at explicit times. */
class GroupJoinsTest {

    private static final GroupJoin.GroupId A = new GroupJoin.GroupId(1, 2);
    private static final GroupJoin.GroupId B = new GroupJoin.GroupId(3, 4);
    private static final GroupJoin.GroupId C = new GroupJoin.GroupId(5, 6);

    private final GroupJoins<String> joins = new GroupJoins<>(new GroupJoins.Limits(3, 2, 1, 1_000));

    @Test
    void aJoinRoundTripsByteForByteAndGarbageIsRefused() {
        GroupJoin join = new GroupJoin(new GroupJoin.GroupId(0x0102030405060708L, 0x090a0b0c0d0e0f10L), 2, 3);
        byte[] bytes = join.encode();
        assertThat(bytes).hasSize(GroupJoin.BYTES).startsWith(0x10, 0x01, 0x01, 0x02).endsWith(0x0f, 0x10, 2, 3);
        assertThat(GroupJoin.decode(bytes)).isEqualTo(join);
        assertThatThrownBy(() -> GroupJoin.decode(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        byte[] wrongVersion = bytes.clone();
        wrongVersion[1] = 2;
        assertThatThrownBy(() -> GroupJoin.decode(wrongVersion)).hasMessageContaining("version");
        byte[] noMembers = bytes.clone();
        noMembers[19] = 0;
        assertThatThrownBy(() -> GroupJoin.decode(noMembers)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memberZeroStartsAGroupAndOthersJoinWithinTheWindowOnce() {
        assertThat(joins.join(0, new GroupJoin(A, 0, 3), "a0")).isEqualTo(Verdict.NEW_GROUP);
        assertThat(joins.join(10, new GroupJoin(A, 1, 3), "a1")).isEqualTo(Verdict.JOINED);
        assertThat(joins.join(20, new GroupJoin(A, 1, 3), "a1 again")).isEqualTo(Verdict.DUPLICATE_MEMBER);
        assertThat(joins.join(20, new GroupJoin(A, 0, 3), "a0 again")).isEqualTo(Verdict.DUPLICATE_MEMBER);
        assertThat(joins.join(20, new GroupJoin(A, 1, 2), "other count")).isEqualTo(Verdict.DUPLICATE_MEMBER);
        assertThat(joins.join(1_001, new GroupJoin(A, 2, 3), "late")).isEqualTo(Verdict.TOO_LATE);
        assertThat(joins.join(0, new GroupJoin(B, 0, 4), "big")).isEqualTo(Verdict.TOO_MANY_MEMBERS);
        assertThat(joins.join(0, new GroupJoin(B, 0, 2), "b0")).isEqualTo(Verdict.NEW_GROUP);
        assertThat(joins.join(0, new GroupJoin(C, 0, 2), "c0")).isEqualTo(Verdict.TOO_MANY_GROUPS);
        joins.ended(B);
        assertThat(joins.groups()).isEqualTo(1);
        assertThat(joins.join(0, new GroupJoin(C, 0, 2), "c0")).isEqualTo(Verdict.NEW_GROUP);
    }

    @Test
    void aMemberAheadOfItsGroupWaitsForMemberZeroOrTheWindow() {
        assertThat(joins.join(0, new GroupJoin(B, 1, 2), "b1")).isEqualTo(Verdict.PARKED);
        assertThat(joins.join(0, new GroupJoin(C, 1, 2), "c1")).isEqualTo(Verdict.TOO_MANY_PARKED);
        assertThat(joins.expire(1_000)).isEmpty();
        assertThat(joins.join(500, new GroupJoin(B, 0, 2), "b0")).isEqualTo(Verdict.NEW_GROUP);
        List<GroupJoins.Parked<String>> waiting = joins.takeParked(B);
        assertThat(waiting).extracting(GroupJoins.Parked::member).containsExactly("b1");
        assertThat(joins.join(500, waiting.get(0).join(), "b1")).isEqualTo(Verdict.JOINED);

        assertThat(joins.join(600, new GroupJoin(C, 1, 2), "c1")).isEqualTo(Verdict.PARKED);
        assertThat(joins.expire(1_600)).isEmpty();
        assertThat(joins.expire(1_601)).containsExactly("c1");
        assertThat(joins.parked()).isZero();
        assertThat(joins.join(1_700, new GroupJoin(A, 1, 2), "a1")).isEqualTo(Verdict.PARKED);
        joins.forget("a1");
        assertThat(joins.parked()).isZero();
    }
}
