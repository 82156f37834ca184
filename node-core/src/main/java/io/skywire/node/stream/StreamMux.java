package io.skywire.node.stream;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sans-I/O state machine of many streams over one route: it turns application calls into frame bytes
 * ({@link #takeOutput()}) and received route bytes into {@link StreamEvent}s. Each direction of each stream has
 * its own window, so a stream whose reader is slow stops only itself, and a node holds at most one window per
 * stream of received but unconsumed bytes. Not thread-safe: one thread drives it.
 */
public final class StreamMux {

    /** Window each side grants a new stream, per direction. */
    public static final int DEFAULT_WINDOW = 256 * 1024;
    /** Streams one route may carry at once. */
    public static final int MAX_STREAMS = 1024;

    private static final class Stream {
        final int id;
        boolean opened;
        long sendWindow;
        long receiveAllowance;
        int unreturnedCredit;
        boolean localFin;
        boolean remoteFin;

        Stream(int id) {
            this.id = id;
        }
    }

    /** Output a PING may find waiting and still be answered. */
    static final int MAX_PENDING_PONG_BYTES = 256 * 1024;

    private final boolean initiator;
    private final int receiveWindow;
    private final Map<Integer, Stream> streams = new HashMap<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final ByteBuffer input = ByteBuffer.allocate(StreamCodec.HEADER_BYTES + StreamCodec.MAX_BODY);
    private int nextLocalId;
    private int highestRemoteId;
    private int nextProbeId = 1;
    private long unansweredPings;

    /**
     * @param initiator     true at the route's origin (opens odd stream ids), false at its destination (even ids)
     * @param receiveWindow bytes this end accepts per stream before it returns credit
     */
    public StreamMux(boolean initiator, int receiveWindow) {
        if (receiveWindow < StreamCodec.MAX_DATA) {
            throw new IllegalArgumentException("receive window below " + StreamCodec.MAX_DATA);
        }
        this.initiator = initiator;
        this.receiveWindow = receiveWindow;
        this.nextLocalId = initiator ? 1 : 2;
    }

    /** Streams that exist now (opening, open or half-closed). */
    public int streamCount() {
        return streams.size();
    }

    /** PINGs left unanswered because too much output was waiting (a peer probing faster than the route drains). */
    public long unansweredPings() {
        return unansweredPings;
    }

    /** Whether the stream exists. */
    public boolean exists(int streamId) {
        return streams.containsKey(streamId);
    }

    /**
     * Starts a stream to {@code target}; the far end answers with {@link StreamEvent.Opened} or
     * {@link StreamEvent.Reset}.
     *
     * @throws IllegalStateException when {@link #MAX_STREAMS} exist or the id space is used up
     */
    public int open(StreamTarget target) {
        if (streams.size() >= MAX_STREAMS || nextLocalId < 0) {
            throw new IllegalStateException("no stream available on this route");
        }
        Stream stream = new Stream(nextLocalId);
        nextLocalId += 2;
        stream.receiveAllowance = receiveWindow;
        streams.put(stream.id, stream);
        write(new StreamFrame.Open(stream.id, receiveWindow, target));
        return stream.id;
    }

    /** Accepts a stream the far end asked for; data may flow from now on. */
    public void accept(int streamId) {
        Stream stream = streams.get(streamId);
        if (stream == null || stream.opened || isLocal(streamId)) {
            throw new IllegalStateException("stream " + streamId + " is not waiting to be accepted");
        }
        stream.opened = true;
        stream.receiveAllowance = receiveWindow;
        write(new StreamFrame.Opened(streamId, receiveWindow));
    }

    /** Bytes the stream may send now without waiting for window. */
    public long sendWindow(int streamId) {
        Stream stream = streams.get(streamId);
        if (stream == null || !stream.opened || stream.localFin) {
            return 0;
        }
        return stream.sendWindow;
    }

    /**
     * Sends up to {@code length} bytes on an open stream, as many as its window allows.
     *
     * @return how many bytes were taken (0 when the window is closed or the stream is not open)
     */
    public int send(int streamId, byte[] bytes, int offset, int length) {
        int taken = (int) Math.min(length, sendWindow(streamId));
        Stream stream = streams.get(streamId);
        for (int done = 0; done < taken; ) {
            int chunk = Math.min(StreamCodec.MAX_DATA, taken - done);
            byte[] payload = new byte[chunk];
            System.arraycopy(bytes, offset + done, payload, 0, chunk);
            write(new StreamFrame.Data(streamId, payload));
            done += chunk;
        }
        if (taken > 0) {
            stream.sendWindow -= taken;
        }
        return taken;
    }

    /** Half-closes this end's direction of an open stream. */
    public void finish(int streamId) {
        Stream stream = streams.get(streamId);
        if (stream == null || stream.localFin) {
            return;
        }
        stream.localFin = true;
        write(new StreamFrame.Fin(streamId));
        forgetIfDone(stream);
    }

    /** Resets the stream (or refuses one the far end asked for) and forgets it. */
    public void reset(int streamId, ResetReason reason) {
        if (streams.remove(streamId) != null) {
            write(new StreamFrame.Reset(streamId, reason));
        }
    }

    /** Reports that the application passed on {@code count} received bytes; returns window to the far end. */
    public void consumed(int streamId, int count) {
        Stream stream = streams.get(streamId);
        if (stream == null || stream.remoteFin || count <= 0) {
            return;
        }
        stream.unreturnedCredit += count;
        // Batching updates to a quarter window keeps them to a few per window while the sender never stalls.
        if (stream.unreturnedCredit >= receiveWindow / 4) {
            stream.receiveAllowance += stream.unreturnedCredit;
            write(new StreamFrame.WindowUpdate(streamId, stream.unreturnedCredit));
            stream.unreturnedCredit = 0;
        }
    }

    /**
     * Sends an end-to-end probe; the far end's answer arrives as {@link StreamEvent.Pong} with the returned id and
     * the same body. Probes queue behind the stream data already written, so their round trip measures the route as
     * the streams see it.
     *
     * @param body {@link StreamCodec#MIN_PING_BODY}..{@link StreamCodec#MAX_BODY} bytes
     */
    public int ping(byte[] body) {
        int id = nextProbeId;
        nextProbeId = nextProbeId == Integer.MAX_VALUE ? 1 : nextProbeId + 1;
        write(new StreamFrame.Probe(id, false, body));
        return id;
    }

    /** Frame bytes to send on the route since the last call (empty when there are none). */
    public byte[] takeOutput() {
        byte[] bytes = output.toByteArray();
        output.reset();
        return bytes;
    }

    /** Whether frame bytes are waiting to be taken. */
    public boolean hasOutput() {
        return output.size() > 0;
    }

    /**
     * Feeds bytes received on the route (any split) and returns what they mean.
     *
     * @throws StreamProtocolException when the far end broke the protocol; the route should then be closed
     */
    public List<StreamEvent> receive(byte[] bytes) throws StreamProtocolException {
        List<StreamEvent> events = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int take = Math.min(input.remaining(), bytes.length - offset);
            input.put(bytes, offset, take);
            offset += take;
            input.flip();
            StreamFrame frame;
            while ((frame = StreamCodec.decode(input)) != null) {
                handle(frame, events);
            }
            input.compact();
        }
        return events;
    }

    private void handle(StreamFrame frame, List<StreamEvent> events) throws StreamProtocolException {
        int id = frame.streamId();
        Stream stream = streams.get(id);
        if (frame instanceof StreamFrame.Probe probe && !probe.reply()) {
            // Answered at once: a probe's round trip is the route's, not the application's. A peer that pings
            // faster than the route drains gets no answer past MAX_PENDING_PONG_BYTES of unsent output.
            StreamFrame.Probe answer = probe.answer();
            if (output.size() + answer.body().length <= MAX_PENDING_PONG_BYTES) {
                write(answer);
            } else {
                unansweredPings++;
            }
        } else if (frame instanceof StreamFrame.Probe pong) {
            events.add(new StreamEvent.Pong(id, pong.body()));
        } else if (frame instanceof StreamFrame.Open open) {
            handleOpen(open, events);
        } else if (frame instanceof StreamFrame.Opened opened) {
            if (stream != null && isLocal(id) && !stream.opened) {
                stream.opened = true;
                stream.sendWindow = opened.window();
                events.add(new StreamEvent.Opened(id));
            } else if (stream != null) {
                throw new StreamProtocolException("OPENED for stream " + id + " that is not opening");
            }
        } else if (frame instanceof StreamFrame.Data data) {
            handleData(stream, data, events);
        } else if (frame instanceof StreamFrame.Fin) {
            if (stream != null && stream.opened && !stream.remoteFin) {
                stream.remoteFin = true;
                events.add(new StreamEvent.Fin(id));
                forgetIfDone(stream);
            }
        } else if (frame instanceof StreamFrame.Reset reset) {
            if (streams.remove(id) != null) {
                events.add(new StreamEvent.Reset(id, reset.reason()));
            }
        } else if (frame instanceof StreamFrame.WindowUpdate update && stream != null && stream.opened) {
            stream.sendWindow += update.increment();
            if (stream.sendWindow > Integer.MAX_VALUE) {
                reset(id, ResetReason.FLOW_CONTROL);
                events.add(new StreamEvent.Reset(id, ResetReason.FLOW_CONTROL));
            } else {
                events.add(new StreamEvent.Writable(id));
            }
        }
    }

    private void handleOpen(StreamFrame.Open open, List<StreamEvent> events) throws StreamProtocolException {
        int id = open.streamId();
        if (isLocal(id) || id <= highestRemoteId) {
            throw new StreamProtocolException("OPEN with stream id " + id + " the far end may not use now");
        }
        highestRemoteId = id;
        if (streams.size() >= MAX_STREAMS) {
            write(new StreamFrame.Reset(id, ResetReason.NO_CAPACITY));
            return;
        }
        Stream stream = new Stream(id);
        stream.sendWindow = open.window();
        streams.put(id, stream);
        events.add(new StreamEvent.OpenRequested(id, open.target()));
    }

    private void handleData(Stream stream, StreamFrame.Data data, List<StreamEvent> events) {
        int id = data.streamId();
        // Data for a stream this end already reset is still in flight: dropping it is the expected outcome.
        if (stream == null || !stream.opened || stream.remoteFin) {
            return;
        }
        byte[] bytes = data.bytes();
        if (bytes.length > stream.receiveAllowance) {
            reset(id, ResetReason.FLOW_CONTROL);
            events.add(new StreamEvent.Reset(id, ResetReason.FLOW_CONTROL));
            return;
        }
        stream.receiveAllowance -= bytes.length;
        events.add(new StreamEvent.Data(id, bytes));
    }

    private boolean isLocal(int streamId) {
        return (streamId & 1) == (initiator ? 1 : 0);
    }

    private void forgetIfDone(Stream stream) {
        if (stream.localFin && stream.remoteFin) {
            streams.remove(stream.id);
        }
    }

    private void write(StreamFrame frame) {
        output.writeBytes(StreamCodec.encode(frame));
    }
}
