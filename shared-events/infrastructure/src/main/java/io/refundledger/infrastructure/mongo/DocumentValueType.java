package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * The value type of the embedded server's collections: each stored document is written as BSON, the form it came in
 * on the wire, instead of by Java serialization.
 *
 * <p>H2 rewrites a whole page whenever one of its documents changes, so every update serialises all its page's
 * neighbours too, and every page read from the file deserialises them. A profile of a read side catching up on a
 * million events showed Java serialization there (class descriptors, one object per field and value) as a quarter of
 * all CPU time, and its deserialisation as another tenth. BSON is what the server decodes from and encodes to for
 * every message anyway.
 *
 * <p>A document is written as a tag Java-serialised values never start with ({@link #TAG_BSON_DOCUMENT}), its length
 * and its BSON; everything else, and a document the encoder cannot take, is written as before. Reading tells the two
 * apart by the tag, so a file written before is read as always, and its documents become BSON as their pages are
 * rewritten. Such a file is no longer readable by mongo-java-server's own backend.
 */
final class DocumentValueType extends ObjectDataType {

    /** ObjectDataType's tags end at 119 (byte arrays of length 0–15 from 104); it fails on any other. */
    static final int TAG_BSON_DOCUMENT = 200;

    /**
     * What H2 assumes a document holds in memory, for its cache and page sizes: a moving average of BSON sizes, doubled
     * (a decoded document holds more than its bytes; Java serialization, which H2 measured before, took about twice as
     * many bytes as BSON).
     */
    private volatile int averageMemory = 1_024;

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            byte[] bson = encode(document);
            if (bson != null) {
                buffer.put((byte) TAG_BSON_DOCUMENT).putVarInt(bson.length).put(bson);
                measured(bson.length);
                return;
            }
        }
        super.write(buffer, value);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if ((buffer.get(buffer.position()) & 0xff) != TAG_BSON_DOCUMENT) {
            return super.read(buffer);
        }
        buffer.get();
        int length = DataUtils.readVarInt(buffer);
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        measured(length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageMemory : super.getMemory(value);
    }

    private void measured(int bsonLength) {
        averageMemory = (int) ((2L * bsonLength + 15L * averageMemory) / 16);
    }

    /** The document's BSON, or null when it holds a value BSON has no type for (then it is Java-serialised). */
    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
        } catch (RuntimeException unsupported) {
            return null;
        }
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }
}
