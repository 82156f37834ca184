package io.skywire.node.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message types of one channel (the service's and the host's): turns records into frames and frames into
 * records, or into a {@link Refusal} with a reason. Stateless after construction, so any thread may use it.
 */
public final class MessageCodec {

    /** What a received frame turned out to be. */
    public sealed interface Decoded permits Message, Refused {
    }

    /** A message of a registered type. */
    public record Message(MessageType<?> type, Record message) implements Decoded {
    }

    /** Not a message this channel accepts. */
    public record Refused(Refusal reason, String detail) implements Decoded {
    }

    private final Map<Integer, MessageType<?>> byTypeAndVersion = new HashMap<>();
    private final Map<Integer, Boolean> knownTypes = new HashMap<>();
    private final Map<Class<?>, MessageType<?>> byClass = new HashMap<>();

    /** The service's types plus {@link HostMessages#ALL}; two registrations of one (type, version) are an error. */
    public MessageCodec(List<MessageType<?>> serviceTypes) {
        for (MessageType<?> type : serviceTypes) {
            if (type.type() >= HostMessages.FIRST_HOST_TYPE) {
                throw new IllegalArgumentException("type " + type.type() + " belongs to the host");
            }
            add(type);
        }
        HostMessages.ALL.forEach(this::add);
    }

    private void add(MessageType<?> type) {
        if (byTypeAndVersion.putIfAbsent(key(type.type(), type.version()), type) != null) {
            throw new IllegalArgumentException("type " + type.type() + " version " + type.version() + " twice");
        }
        knownTypes.put(type.type(), true);
        // The newest version of a record is the one sent.
        byClass.merge(type.javaType(), type, (a, b) -> a.version() >= b.version() ? a : b);
    }

    private static int key(int type, int version) {
        return (type << 8) | version;
    }

    /** The frame bytes of {@code message}, by its record class; unknown classes are a programming error. */
    @SuppressWarnings("unchecked")
    public <T extends Record> byte[] encode(T message) {
        MessageType<T> type = (MessageType<T>) byClass.get(message.getClass());
        if (type == null) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " is not registered on this channel");
        }
        return ServiceFrames.encode(type.type(), type.version(), type.encodeBody(message));
    }

    /** The message in {@code frame}, or why it is refused. */
    public Decoded decode(ServiceFrames.Frame frame) {
        MessageType<?> type = byTypeAndVersion.get(key(frame.type(), frame.version()));
        if (type == null) {
            return knownTypes.containsKey(frame.type())
                    ? new Refused(Refusal.UNKNOWN_VERSION, "type " + frame.type() + " version " + frame.version())
                    : new Refused(Refusal.UNKNOWN_TYPE, "type " + frame.type());
        }
        if (frame.body().length > type.maxBody()) {
            return new Refused(Refusal.OVERSIZED, type.javaType().getSimpleName() + " body of " + frame.body().length
                    + " bytes, at most " + type.maxBody());
        }
        try {
            return new Message(type, type.decodeBody(frame.body()));
        } catch (MessageFormatException e) {
            return new Refused(Refusal.MALFORMED, type.javaType().getSimpleName() + ": " + e.getMessage());
        }
    }
}
