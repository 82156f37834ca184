package io.skywire.node.engine;

/**
 * Maps (incoming link, 128-bit route id) to the value it addresses (the engine's route legs), in
 * open-addressed parallel arrays with linear probing: a lookup allocates nothing and touches one or two
 * cache lines, and a million routes cost the arrays (24 bytes a slot) plus the values themselves.
 *
 * @param <V> the value type
 */
public final class RouteTable<V> {

    private static final float LOAD = 0.6f;

    private long[] his;
    private long[] los;
    private int[] links;
    private Object[] values;
    private int size;
    private int mask;

    /** A table sized for {@code expected} entries; it grows beyond that. */
    public RouteTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, (int) (expected / LOAD)) * 2 - 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        his = new long[capacity];
        los = new long[capacity];
        links = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Entries in the table. */
    public int size() {
        return size;
    }

    private int slot(int link, long hi, long lo) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ link * 0x165667B19E3779F9L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & mask;
    }

    /** The value under (link, hi, lo), or null. */
    @SuppressWarnings("unchecked")
    public V get(int link, long hi, long lo) {
        for (int i = slot(link, hi, lo); ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return null;
            }
            if (his[i] == hi && los[i] == lo && links[i] == link) {
                return (V) value;
            }
        }
    }

    /** Whether (link, hi, lo) is in the table. */
    public boolean contains(int link, long hi, long lo) {
        return get(link, hi, lo) != null;
    }

    /** Adds a mapping to a non-null value; the key must not be present (callers choose fresh ids). */
    public void put(int link, long hi, long lo, V value) {
        if (value == null) {
            // An empty slot is a null value, so null cannot be stored.
            throw new IllegalArgumentException("null value");
        }
        if (size + 1 > values.length * LOAD) {
            grow();
        }
        insert(link, hi, lo, value);
    }

    private void insert(int link, long hi, long lo, Object value) {
        int i = slot(link, hi, lo);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        his[i] = hi;
        los[i] = lo;
        links[i] = link;
        values[i] = value;
        size++;
    }

    /** Removes (link, hi, lo) if present. */
    public void remove(int link, long hi, long lo) {
        int i = slot(link, hi, lo);
        while (true) {
            if (values[i] == null) {
                return;
            }
            if (his[i] == hi && los[i] == lo && links[i] == link) {
                break;
            }
            i = (i + 1) & mask;
        }
        values[i] = null;
        size--;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(links[j], his[j], los[j]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                his[hole] = his[j];
                los[hole] = los[j];
                links[hole] = links[j];
                values[hole] = values[j];
                values[j] = null;
                hole = j;
            }
        }
    }

    private void grow() {
        long[] oldHis = his;
        long[] oldLos = los;
        int[] oldLinks = links;
        Object[] oldValues = values;
        allocate(values.length * 2);
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                insert(oldLinks[i], oldHis[i], oldLos[i], oldValues[i]);
            }
        }
    }
}
