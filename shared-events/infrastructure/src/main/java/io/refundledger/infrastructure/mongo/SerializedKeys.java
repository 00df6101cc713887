package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Java serialization of the index keys nearly every lookup uses, one value that is an ASCII string, a long, an int
 * or a double, written, read and compared without {@code ObjectOutputStream} and {@code ObjectInputStream}: byte for
 * byte what those write, and in the order of those bytes, which is H2's order of the keys.
 *
 * <p>Why: the embedded server deserialised every key of every index page it read from the file through
 * {@code ObjectInputStream}, and serialised every key it looked up through {@code ObjectOutputStream}. In an allocation
 * profile of a read side catching up, that was half of the server's allocation, and young-generation pauses took a
 * sixth of the wall time.
 *
 * <p>Every such key serialises as the same prefix (the {@link KeyValue} and {@code ArrayList} class descriptors, the
 * list's size and capacity), then its one element, then the list's end marker. The prefix and the element headers are
 * taken from {@code ObjectOutputStream} itself when this class loads, and checked there; if anything differs from the
 * expected shape, every method answers null and callers go the generic way. Anything else (several values, another
 * type, a string that is not ASCII or longer than 65,535 characters) also answers null.
 */
final class SerializedKeys {

    private static final byte TC_STRING = 0x74;
    private static final byte TC_ENDBLOCKDATA = 0x78;
    private static final int MAX_SHORT_STRING = 0xFFFF;

    /** The bytes before the element, shared by all keys of one value; null when the shapes were not as expected. */
    private static final byte[] PREFIX;
    /** The element's bytes before its value, for a long, an int and a double. */
    private static final byte[] LONG_HEADER;
    private static final byte[] INT_HEADER;
    private static final byte[] DOUBLE_HEADER;

    static {
        byte[] prefix = null;
        byte[] longHeader = null;
        byte[] intHeader = null;
        byte[] doubleHeader = null;
        try {
            byte[] empty = ObjectDataType.serialize(new KeyValue(""));
            int p = empty.length - 4;
            if (p > 0 && empty[p] == TC_STRING && empty[p + 1] == 0 && empty[p + 2] == 0 && empty[p + 3] == TC_ENDBLOCKDATA) {
                byte[] candidate = Arrays.copyOf(empty, p);
                longHeader = header(candidate, new KeyValue(0L), new KeyValue(-2L), 8);
                intHeader = header(candidate, new KeyValue(0), new KeyValue(-2), 4);
                doubleHeader = header(candidate, new KeyValue(0.0), new KeyValue(-2.0), 8);
                if (longHeader != null && intHeader != null && doubleHeader != null
                        && Arrays.equals(ObjectDataType.serialize(new KeyValue("a-1")), stringKey(candidate, "a-1"))) {
                    prefix = candidate;
                }
            }
        } catch (RuntimeException unexpected) {
            prefix = null;
        }
        PREFIX = prefix;
        LONG_HEADER = longHeader;
        INT_HEADER = intHeader;
        DOUBLE_HEADER = doubleHeader;
    }

    private SerializedKeys() {
    }

    /**
     * The element header of a number type: what two keys of that type, serialised, have between the prefix and their
     * {@code width} value bytes (then the end marker); null when they do not look so.
     */
    private static byte[] header(byte[] prefix, KeyValue zero, KeyValue other, int width) {
        byte[] a = ObjectDataType.serialize(zero);
        byte[] b = ObjectDataType.serialize(other);
        int headerEnd = a.length - 1 - width;
        if (a.length != b.length || headerEnd <= prefix.length || a[a.length - 1] != TC_ENDBLOCKDATA
                || !Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length)
                || !Arrays.equals(a, 0, headerEnd, b, 0, headerEnd)) {
            return null;
        }
        for (int i = headerEnd; i < headerEnd + width; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        return Arrays.copyOfRange(a, prefix.length, headerEnd);
    }

    private static byte[] stringKey(byte[] prefix, String ascii) {
        byte[] bytes = Arrays.copyOf(prefix, prefix.length + 3 + ascii.length() + 1);
        int i = prefix.length;
        bytes[i] = TC_STRING;
        bytes[i + 1] = (byte) (ascii.length() >>> 8);
        bytes[i + 2] = (byte) ascii.length();
        ascii.getBytes(0, ascii.length(), bytes, i + 3);
        bytes[bytes.length - 1] = TC_ENDBLOCKDATA;
        return bytes;
    }

    /** The one value of a key this class handles, else null. */
    static Object valueOf(Object key) {
        Object value = single(key);
        return value instanceof String string && !isShortAscii(string) ? null : value;
    }

    private static boolean isShortAscii(String string) {
        if (string.length() > MAX_SHORT_STRING) {
            return false;
        }
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            // Modified UTF-8 writes NUL as two bytes.
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The serialised length of a key holding this {@link #valueOf value}. */
    static int length(Object value) {
        int element;
        if (value instanceof String string) {
            element = 3 + string.length();
        } else if (value instanceof Integer) {
            element = INT_HEADER.length + 4;
        } else {
            element = (value instanceof Long ? LONG_HEADER : DOUBLE_HEADER).length + 8;
        }
        return PREFIX.length + element + 1;
    }

    /** Writes the serialised key holding this {@link #valueOf value}: {@link #length} bytes. */
    static void write(WriteBuffer buffer, Object value) {
        buffer.put(PREFIX);
        if (value instanceof String string) {
            buffer.put(TC_STRING).putShort((short) string.length());
            for (int i = 0; i < string.length(); i++) {
                buffer.put((byte) string.charAt(i));
            }
        } else if (value instanceof Long number) {
            buffer.put(LONG_HEADER).putLong(number);
        } else if (value instanceof Integer number) {
            buffer.put(INT_HEADER).putInt(number);
        } else {
            buffer.put(DOUBLE_HEADER).putLong(Double.doubleToLongBits((Double) value));
        }
        buffer.put(TC_ENDBLOCKDATA);
    }

    /** The serialised key holding this {@link #valueOf value}. */
    static byte[] bytes(Object value) {
        WriteBuffer buffer = new WriteBuffer(length(value));
        write(buffer, value);
        byte[] bytes = new byte[length(value)];
        buffer.getBuffer().flip();
        buffer.getBuffer().get(bytes);
        return bytes;
    }

    /** The key these serialised bytes hold, when it is one this class handles; else null. */
    static KeyValue read(byte[] bytes) {
        if (PREFIX == null || bytes.length <= PREFIX.length + 1 || bytes[bytes.length - 1] != TC_ENDBLOCKDATA
                || !Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return null;
        }
        int at = PREFIX.length;
        int end = bytes.length - 1;
        if (bytes[at] == TC_STRING) {
            int length = ((bytes[at + 1] & 0xff) << 8) | (bytes[at + 2] & 0xff);
            if (at + 3 + length != end) {
                return null;
            }
            for (int i = at + 3; i < end; i++) {
                if (bytes[i] <= 0) {
                    return null; // NUL or not ASCII: modified UTF-8 the generic way decodes
                }
            }
            return new KeyValue(new String(bytes, at + 3, length, StandardCharsets.ISO_8859_1));
        }
        if (element(bytes, at, LONG_HEADER, 8)) {
            return new KeyValue(longAt(bytes, at + LONG_HEADER.length));
        }
        if (element(bytes, at, INT_HEADER, 4)) {
            return new KeyValue(intAt(bytes, at + INT_HEADER.length));
        }
        if (element(bytes, at, DOUBLE_HEADER, 8)) {
            return new KeyValue(Double.longBitsToDouble(longAt(bytes, at + DOUBLE_HEADER.length)));
        }
        return null;
    }

    private static boolean element(byte[] bytes, int at, byte[] header, int width) {
        return at + header.length + width == bytes.length - 1
                && Arrays.equals(bytes, at, at + header.length, header, 0, header.length);
    }

    private static long longAt(byte[] bytes, int at) {
        return ((long) intAt(bytes, at) << 32) | (intAt(bytes, at + 4) & 0xffffffffL);
    }

    private static int intAt(byte[] bytes, int at) {
        return ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
    }

    /**
     * Compares two keys in the order of their serialised bytes when both are keys this class handles and of one type;
     * null otherwise, and then the bytes decide (as they would for valueOf and compare). The same answer as those two, in
     * one pass over two strings of the same length: a page's binary search compares the sought key over and over, and
     * checking each string for ASCII before comparing it was a twentieth of the embedded server's CPU in a catch-up.
     */
    static Integer compareKeys(Object a, Object b) {
        Object x = single(a);
        Object y = x == null ? null : single(b);
        if (y == null) {
            return null;
        }
        if (x instanceof String s && y instanceof String t) {
            return compareShortAscii(s, t);
        }
        return compare(x, y);
    }

    /** The one value of a one-value key, of a type this class may handle, unchecked; else null. */
    private static Object single(Object key) {
        if (PREFIX == null || !(key instanceof KeyValue keyValue) || keyValue.size() != 1) {
            return null;
        }
        Object value = keyValue.get(0);
        return value instanceof String || value instanceof Long || value instanceof Integer || value instanceof Double
                ? value : null;
    }

    private static Integer compareShortAscii(String s, String t) {
        int length = s.length();
        if (length != t.length()) {
            return isShortAscii(s) && isShortAscii(t) ? Integer.compare(length, t.length()) : null;
        }
        if (length > MAX_SHORT_STRING) {
            return null;
        }
        int order = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            char d = t.charAt(i);
            // Both ASCII and not NUL (see isShortAscii): c - 1 and d - 1 below 0x7f, as unsigned chars.
            if ((char) (c - 1) >= 0x7f || (char) (d - 1) >= 0x7f) {
                return null;
            }
            if (order == 0 && c != d) {
                order = c < d ? -1 : 1;
            }
        }
        return order;
    }

    /**
     * Compares two keys' {@link #valueOf values} in the order of their serialised bytes (unsigned, then shorter
     * first), as H2 compares serialised objects; null when the two are of different types (their headers decide, and
     * the caller compares the bytes).
     */
    static Integer compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            // The length is written before the characters, so a shorter string comes first.
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compareUnsigned(x, y);
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compareUnsigned(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return Long.compareUnsigned(Double.doubleToLongBits(x), Double.doubleToLongBits(y));
        }
        return null;
    }
}
