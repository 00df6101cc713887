package io.refundledger.infrastructure.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The common index keys are written, read and compared exactly as Java serialization and H2 would: the same bytes, the
 * same key back, the same order. Everything else is left to Java serialization.
 */
class SerializedKeysTest {

    @Test
    void commonKeysAreTheBytesJavaSerializationWritesAndReadBackAsTheSameKey() {
        for (Object value : commonValues()) {
            KeyValue key = new KeyValue(value);
            Object common = SerializedKeys.valueOf(key);
            assertThat(common).as("%s", value).isEqualTo(value);
            byte[] expected = ObjectDataType.serialize(key);
            assertThat(SerializedKeys.bytes(common)).as("%s", value).isEqualTo(expected);
            assertThat(SerializedKeys.length(common)).isEqualTo(expected.length);

            KeyValue read = SerializedKeys.read(expected);
            assertThat(read).as("%s", value).isEqualTo(ObjectDataType.deserialize(expected));
            assertThat(read.get(0)).isInstanceOf(value.getClass());
        }
    }

    @Test
    void otherKeysAreLeftToJavaSerialization() {
        List<KeyValue> others = List.of(
                new KeyValue("退费-1"),                              // not ASCII
                new KeyValue("nul\u0000inside"),                    // modified UTF-8 writes NUL as two bytes
                new KeyValue("x".repeat(65_536)),                   // written as a long string
                new KeyValue("refund-progress", 3),                 // several values, as the token store's
                new KeyValue(new Document("a", 1)),
                new KeyValue(true),
                new KeyValue((Object) null),
                new KeyValue(3.5f));
        for (KeyValue key : others) {
            assertThat(SerializedKeys.valueOf(key)).as("%s", key).isNull();
            assertThat(SerializedKeys.read(ObjectDataType.serialize(key))).as("%s", key).isNull();
        }
        assertThat(SerializedKeys.valueOf("not a key")).isNull();
    }

    @Test
    void commonKeysCompareInTheOrderOfTheirBytes() {
        List<Object> values = commonValues();
        for (Object a : values) {
            for (Object b : values) {
                Integer order = SerializedKeys.compare(a, b);
                if (a.getClass() != b.getClass()) {
                    assertThat(order).isNull();
                    continue;
                }
                int bytes = ObjectDataType.compareNotNull(ObjectDataType.serialize(new KeyValue(a)),
                        ObjectDataType.serialize(new KeyValue(b)));
                assertThat(Integer.signum(order)).as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
            }
        }
    }

    @Test
    void keysCompareInOnePassAsTheyDoValueByValue() {
        List<Object> values = new ArrayList<>(commonValues());
        // Same lengths, differing before, at and after a character the bytes would not keep as one.
        values.addAll(List.of("ab\u00e9d", "ac\u00e9d", "abcd", "a\u0000cd", "b\u0000cd", "abc\u007f", "abc\u0080",
                "退费-01", "退费-02", "abc-01", "x".repeat(65_536), "y".repeat(65_536), 3.5f, true));
        for (Object a : values) {
            for (Object b : values) {
                KeyValue x = new KeyValue(a);
                KeyValue y = new KeyValue(b);
                Object p = SerializedKeys.valueOf(x);
                Object q = SerializedKeys.valueOf(y);
                Integer expected = p == null || q == null ? null : SerializedKeys.compare(p, q);
                Integer order = SerializedKeys.compareKeys(x, y);
                assertThat(order == null ? null : Integer.signum(order)).as("%s vs %s", a, b)
                        .isEqualTo(expected == null ? null : Integer.signum(expected));
            }
        }
        assertThat(SerializedKeys.compareKeys(new KeyValue("a", "b"), new KeyValue("a"))).isNull();
    }

    private static List<Object> commonValues() {
        List<Object> values = new ArrayList<>(List.of("", "a", "b", "ab", "ba", "z", "~", "RF-20261207-000001",
                "app-" + "9".repeat(200), "x".repeat(65_535),
                0L, 1L, -1L, 255L, 256L, Long.MAX_VALUE, Long.MIN_VALUE,
                0, 1, -1, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE,
                0.0, -0.0, 1.5, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 60; i++) {
            StringBuilder ascii = new StringBuilder();
            int length = random.nextInt(300);
            for (int c = 0; c < length; c++) {
                ascii.append((char) random.nextInt(1, 0x80));
            }
            values.add(ascii.toString());
            values.add(random.nextLong());
            values.add(random.nextInt());
            values.add(Double.longBitsToDouble(random.nextLong()));
        }
        return values;
    }
}
