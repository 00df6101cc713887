package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key type of the embedded server's unique indexes ({@code _id} among them): H2's own, on disk and in order, but
 * fast to compare.
 *
 * <p>mongo-java-server's index keys ({@link KeyValue}) are not {@link Comparable}, so H2 orders them by their Java
 * serialization and serialised both keys for every comparison: about 17 per lookup in a collection of 100,000, and
 * the profile of a projection catch-up showed a fifth of all CPU time there. Here each key object is serialised once
 * and its bytes kept while the object lives (index pages hold their keys; a looked-up key lives for its lookup), so
 * the order, and with it every existing data file, stays exactly as it was. Keys are remembered by identity, never
 * by {@code equals}: two equal keys may serialise differently (a document's field order), and H2 tells those apart.
 *
 * <p>The same bytes serve the file: every commit writes each changed index page whole, every key of it, and H2
 * serialised each key again there (in a profile of a catch-up, a third of the commit thread's time); here a key is
 * written from the bytes it is compared by, and a key read from the file keeps the bytes it was read from. Both are
 * exactly what H2 writes and reads for a serialised object, so the file format does not change.
 */
final class IndexKeyType extends ObjectDataType {

    /** H2's tag for a Java-serialised value (ObjectDataType.TYPE_SERIALIZED_OBJECT), then the length and the bytes. */
    static final int TAG_SERIALIZED_OBJECT = 19;

    private final ConcurrentHashMap<Identity, byte[]> serialized = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** False only to measure the way before {@link SerializedKeys} (IndexKeysBenchmark). */
    private final boolean commonKeysDirect;

    IndexKeyType() {
        this(true);
    }

    IndexKeyType(boolean commonKeysDirect) {
        this.commonKeysDirect = commonKeysDirect;
    }

    /** The one value of a key {@link SerializedKeys} handles, else null. */
    private Object common(Object key) {
        return commonKeysDirect ? SerializedKeys.valueOf(key) : null;
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            if (a == b) {
                return 0;
            }
            // When the values cannot be compared directly, their types or characters differ as their bytes do.
            Integer order = commonKeysDirect ? SerializedKeys.compareKeys(a, b) : null;
            return order != null ? order : compareNotNull(bytesOf(a), bytesOf(b));
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        Object common = common(value);
        if (common != null) {
            buffer.put((byte) TAG_SERIALIZED_OBJECT).putVarInt(SerializedKeys.length(common));
            SerializedKeys.write(buffer, common);
            return;
        }
        if (value instanceof KeyValue) {
            byte[] bytes = bytesOf(value);
            buffer.put((byte) TAG_SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
            return;
        }
        super.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if ((buffer.get(buffer.position()) & 0xff) != TAG_SERIALIZED_OBJECT) {
            return super.read(buffer);
        }
        buffer.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        Object common = commonKeysDirect ? SerializedKeys.read(bytes) : null;
        if (common != null) {
            return common;
        }
        Object key = deserialize(bytes);
        if (key instanceof KeyValue) {
            remember(key, bytes);
        }
        return key;
    }

    /** How many key objects have their bytes kept; for tests. */
    int remembered() {
        forgetCollected();
        return serialized.size();
    }

    private byte[] bytesOf(Object key) {
        Object common = common(key);
        if (common != null) {
            return SerializedKeys.bytes(common);
        }
        byte[] bytes = serialized.get(new Identity(key, null));
        if (bytes == null) {
            bytes = serialize(key);
            remember(key, bytes);
        }
        return bytes;
    }

    private void remember(Object key, byte[] bytes) {
        forgetCollected();
        serialized.put(new Identity(key, collected), bytes);
    }

    private void forgetCollected() {
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            serialized.remove(gone);
        }
    }

    /** A weak reference equal to another one when both refer to the very same object. */
    private static final class Identity extends WeakReference<Object> {

        private final int hash;

        Identity(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof Identity that) || that.hash != hash) {
                return false;
            }
            Object referent = get();
            return referent != null && referent == that.get();
        }
    }
}
