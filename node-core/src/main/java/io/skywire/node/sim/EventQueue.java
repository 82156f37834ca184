package io.skywire.node.sim;

/**
 * A 4-ary min-heap of simulator events in parallel primitive arrays, ordered by time and then by
 * insertion sequence, so that equal times resolve the same way on every run and no event object is
 * allocated. Four children per node halve the depth of a binary heap (thousands of nodes keep thousands
 * of events pending), and the four sit next to each other in each array.
 */
final class EventQueue {

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private int[] kinds = new int[1024];
    private int[] args = new int[1024];
    private Object[] objects = new Object[1024];
    private int size;
    private long nextSeq;

    // Filled by poll().
    long time;
    int kind;
    int arg;
    Object object;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long peekTime() {
        return times[0];
    }

    void push(long at, int eventKind, int eventArg, Object eventObject) {
        if (size == times.length) {
            grow();
        }
        int i = size++;
        long seq = nextSeq++;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!less(at, seq, times[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, at, seq, eventKind, eventArg, eventObject);
    }

    void poll() {
        time = times[0];
        kind = kinds[0];
        arg = args[0];
        object = objects[0];
        size--;
        long lastTime = times[size];
        long lastSeq = seqs[size];
        int lastKind = kinds[size];
        int lastArg = args[size];
        Object lastObject = objects[size];
        objects[size] = null;
        int i = 0;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (less(times[c], seqs[c], times[child], seqs[child])) {
                    child = c;
                }
            }
            if (!less(times[child], seqs[child], lastTime, lastSeq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        if (size > 0) {
            set(i, lastTime, lastSeq, lastKind, lastArg, lastObject);
        }
    }

    private static boolean less(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        set(to, times[from], seqs[from], kinds[from], args[from], objects[from]);
    }

    private void set(int i, long at, long seq, int eventKind, int eventArg, Object eventObject) {
        times[i] = at;
        seqs[i] = seq;
        kinds[i] = eventKind;
        args[i] = eventArg;
        objects[i] = eventObject;
    }

    private void grow() {
        int n = times.length * 2;
        times = java.util.Arrays.copyOf(times, n);
        seqs = java.util.Arrays.copyOf(seqs, n);
        kinds = java.util.Arrays.copyOf(kinds, n);
        args = java.util.Arrays.copyOf(args, n);
        objects = java.util.Arrays.copyOf(objects, n);
    }
}
