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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
 *
 * <p>For {@link FastReplaceH2Collection} documents stay BSON in memory too ({@link StoredDocument}): read from the
 * file without decoding, and written by copying their bytes.
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

    /** Whether a document read from the file stays BSON in memory ({@link StoredDocument}) or is decoded. */
    private final boolean keepsBson;

    /**
     * Documents decoded lately, one per slot by identity, within a budget of BSON bytes. Concurrent readers read and
     * write the slots: a slot's document is seen whole once its entry is seen (volatile).
     */
    private final AtomicReferenceArray<Decoded> recent = new AtomicReferenceArray<>(1024);
    private final AtomicLong rememberedBytes = new AtomicLong();
    private static final int MAX_REMEMBERED_BSON = 1024 * 1024;
    private static final long REMEMBERED_BUDGET = 16L * 1024 * 1024;

    /** Documents read from the file are decoded: for upstream's collection, which reads the map itself. */
    DocumentValueType() {
        this(false);
    }

    /**
     * {@code keepsBson}: documents read from the file stay BSON ({@link StoredDocument}); only for
     * {@link FastReplaceH2Collection}, which decodes them as it reads them.
     */
    DocumentValueType(boolean keepsBson) {
        this.keepsBson = keepsBson;
    }

    boolean keepsBson() {
        return keepsBson;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof StoredDocument stored) {
            buffer.put((byte) TAG_BSON_DOCUMENT).putVarInt(stored.bson().length).put(stored.bson());
            return;
        }
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
        if (keepsBson) {
            byte[] bson = new byte[length];
            buffer.get(bson);
            return new StoredDocument(bson);
        }
        ByteBuffer bson = buffer.slice();
        bson.limit(length);
        buffer.position(buffer.position() + length);
        measured(length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** A document from its BSON. */
    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /**
     * The stored document decoded, from the documents decoded lately when it is among them, else decoded and, when
     * {@code remember}, kept there. Queries read some documents over and over (a month's summary, a day's index of
     * payouts), and decoding them again at each read made those queries a third slower; the rest stay bytes. Callers
     * never change a document they read (upstream never changed one it got from the map either), so one decoded copy
     * serves them all.
     */
    Document decoded(StoredDocument stored, boolean remember) {
        int slot = System.identityHashCode(stored) & (recent.length() - 1);
        Decoded entry = recent.get(slot);
        if (entry != null && entry.stored() == stored) {
            return entry.document();
        }
        Document document = decode(stored.bson());
        int size = stored.bson().length;
        if (remember && size <= MAX_REMEMBERED_BSON
                && rememberedBytes.get() + size - (entry == null ? 0 : entry.stored().bson().length) <= REMEMBERED_BUDGET) {
            // A race loses a slot's entry or miscounts its bytes for a while, never mixes two documents.
            recent.set(slot, new Decoded(stored, document));
            rememberedBytes.addAndGet(size - (entry == null ? 0 : entry.stored().bson().length));
        }
        return document;
    }

    /** A slot of the documents decoded lately: which stored document, by identity, and its decoded form. */
    private record Decoded(StoredDocument stored, Document document) {
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof StoredDocument stored) {
            // As for a decoded document, though the bytes take less heap: H2 splits its pages by this estimate, and
            // at the bytes' own size pages held twice the documents, so each commit rewrote twice the bytes (during
            // a catch-up of 1.2 million events the file passed 51 GB, where it had ended at 35 GB).
            return 2 * stored.bson().length;
        }
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
