package io.skywire.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForceLayoutTest {

    static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(String.format("%04d", i));
        }
        return ids;
    }

    /** A ring with random chords: about three links per node, like a mesh of relays. */
    static List<MapLink> mesh(List<String> ids, long seed) {
        Random random = new Random(seed);
        List<MapLink> links = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            links.add(MapLink.between(ids.get(i), ids.get((i + 1) % ids.size())));
            int other = random.nextInt(ids.size());
            if (other != i) {
                links.add(MapLink.between(ids.get(i), ids.get(other)));
            }
        }
        return links.stream().distinct().toList();
    }

    private static double distance(ForceLayout layout, String a, String b) {
        int i = layout.indexOf(a);
        int j = layout.indexOf(b);
        return Math.hypot(layout.x(i) - layout.x(j), layout.y(i) - layout.y(j));
    }

    @Test
    void linkedNodesEndCloserThanUnlinkedOnesAndTheLayoutCools() {
        // A 10 x 10 lattice, its nodes given in a shuffled order so the first placement knows nothing of the shape.
        List<String> ids = new ArrayList<>(ids(100));
        List<MapLink> lattice = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 10 < 9) {
                lattice.add(MapLink.between(ids.get(i), ids.get(i + 1)));
            }
            if (i < 90) {
                lattice.add(MapLink.between(ids.get(i), ids.get(i + 10)));
            }
        }
        java.util.Collections.shuffle(ids, new Random(1));
        ForceLayout layout = new ForceLayout(1);
        layout.update(ids, lattice);
        int steps = layout.settle(5_000);
        assertThat(steps).isLessThan(5_000);
        assertThat(layout.settled()).isTrue();
        assertThat(layout.step()).isFalse();
        double linked = 0;
        for (MapLink link : lattice) {
            linked += distance(layout, link.a(), link.b());
        }
        linked /= lattice.size();
        double all = 0;
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                all += distance(layout, ids.get(i), ids.get(j));
            }
        }
        all /= ids.size() * (ids.size() - 1) / 2.0;
        assertThat(linked).isBetween(ForceLayout.LINK_LENGTH * 0.3, ForceLayout.LINK_LENGTH * 3);
        assertThat(linked).as("linked pairs against all pairs").isLessThan(all / 3);
    }

    @Test
    void noTwoNodesShareASpot() {
        List<String> ids = ids(300);
        ForceLayout layout = new ForceLayout(2);
        layout.update(ids, mesh(ids, 2));
        layout.settle(500);
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                assertThat(distance(layout, ids.get(i), ids.get(j))).as("%d, %d", i, j).isGreaterThan(1);
            }
        }
    }

    @Test
    void aNewNodeIsPlacedNearItsNeighbourAndTheOthersBarelyMove() {
        List<String> ids = ids(100);
        List<MapLink> links = new ArrayList<>(mesh(ids, 3));
        ForceLayout layout = new ForceLayout(3);
        layout.update(ids, links);
        layout.settle(1_000);
        double[] before = new double[2 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            before[2 * i] = layout.x(layout.indexOf(ids.get(i)));
            before[2 * i + 1] = layout.y(layout.indexOf(ids.get(i)));
        }
        List<String> more = new ArrayList<>(ids);
        more.add("new");
        links.add(MapLink.between("0042", "new"));
        layout.update(more, links);
        assertThat(distance(layout, "0042", "new")).isLessThan(ForceLayout.LINK_LENGTH);
        layout.settle(1_000);
        assertThat(distance(layout, "0042", "new")).isLessThan(3 * ForceLayout.LINK_LENGTH);
        double moved = 0;
        for (int i = 0; i < ids.size(); i++) {
            int at = layout.indexOf(ids.get(i));
            moved += Math.hypot(layout.x(at) - before[2 * i], layout.y(at) - before[2 * i + 1]);
        }
        assertThat(moved / ids.size()).as("mean movement of the old nodes").isLessThan(ForceLayout.LINK_LENGTH / 2);
    }

    @Test
    void aDroppedNodeStaysWhereItWasDropped() {
        List<String> ids = ids(20);
        ForceLayout layout = new ForceLayout(4);
        layout.update(ids, mesh(ids, 4));
        layout.settle(1_000);
        assertThat(layout.pin("0007", 5_000, -3_000)).isTrue();
        assertThat(layout.pin("absent", 0, 0)).isFalse();
        layout.settle(1_000);
        layout.update(ids, mesh(ids, 5));
        layout.settle(1_000);
        int i = layout.indexOf("0007");
        assertThat(layout.x(i)).isEqualTo(5_000);
        assertThat(layout.y(i)).isEqualTo(-3_000);
        assertThat(layout.pinned(i)).isTrue();
    }

    @Test
    void draggingANodeMovesOnlyItsNeighboursAndTheyStillFeelTheColdNodes() {
        List<String> ids = ids(300);
        List<MapLink> links = mesh(ids, 6);
        ForceLayout layout = new ForceLayout(6);
        layout.update(ids, links);
        layout.settle(5_000);
        assertThat(layout.settled()).isTrue();
        double[] before = new double[2 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            before[2 * i] = layout.x(i);
            before[2 * i + 1] = layout.y(i);
        }
        int dragged = layout.indexOf("0010");
        java.util.Set<Integer> neighbours = new java.util.HashSet<>();
        for (MapLink link : links) {
            if (link.a().equals("0010")) {
                neighbours.add(layout.indexOf(link.b()));
            } else if (link.b().equals("0010")) {
                neighbours.add(layout.indexOf(link.a()));
            }
        }
        layout.pin("0010", layout.x(dragged) + 3 * ForceLayout.LINK_LENGTH, layout.y(dragged));
        double stretched = 0;
        for (int i : neighbours) {
            stretched += Math.hypot(layout.x(i) - layout.x(dragged), layout.y(i) - layout.y(dragged));
        }
        assertThat(layout.step()).isTrue();
        int movedNeighbours = 0;
        for (int i = 0; i < ids.size(); i++) {
            boolean moved = layout.x(i) != before[2 * i] || layout.y(i) != before[2 * i + 1];
            if (neighbours.contains(i)) {
                movedNeighbours += moved ? 1 : 0;
            } else if (i != dragged) {
                assertThat(moved).as("node %d is neither dragged nor linked to it", i).isFalse();
            }
        }
        assertThat(movedNeighbours).isEqualTo(neighbours.size());
        // The neighbours follow the pull of their links a little, and settle again among the cold nodes (which still
        // push them) without landing on one.
        layout.settle(5_000);
        double followed = 0;
        for (int i : neighbours) {
            followed += Math.hypot(layout.x(i) - layout.x(dragged), layout.y(i) - layout.y(dragged));
            for (int j = 0; j < ids.size(); j++) {
                if (j != i) {
                    assertThat(Math.hypot(layout.x(i) - layout.x(j), layout.y(i) - layout.y(j))).isGreaterThan(1);
                }
            }
        }
        assertThat(followed).isLessThan(stretched);
    }

    @Test
    void nodesThatLeaveAreDroppedAndTheSameSeedGivesTheSameLayout() {
        List<String> ids = ids(50);
        ForceLayout one = new ForceLayout(9);
        ForceLayout two = new ForceLayout(9);
        one.update(ids, mesh(ids, 9));
        two.update(ids, mesh(ids, 9));
        one.settle(300);
        two.settle(300);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(one.x(i)).isEqualTo(two.x(i));
            assertThat(one.y(i)).isEqualTo(two.y(i));
        }
        one.update(ids.subList(0, 10), List.of());
        assertThat(one.size()).isEqualTo(10);
        assertThat(one.indexOf("0011")).isEqualTo(-1);
    }

    @Test
    void aThousandNodesLayOutWithinABoundedNumberOfSteps() {
        List<String> ids = ids(1_000);
        ForceLayout layout = new ForceLayout(5);
        layout.update(ids, mesh(ids, 5));
        assertThat(layout.settle(5_000)).isLessThan(5_000);
        double[] box = layout.bounds();
        assertThat(box[2] - box[0]).isGreaterThan(10 * ForceLayout.LINK_LENGTH);
    }
}
