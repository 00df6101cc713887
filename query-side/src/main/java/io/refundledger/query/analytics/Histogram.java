package io.refundledger.query.analytics;

import org.bson.Document;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntToLongFunction;

/**
 * Counts per bucket, mergeable by adding counts, so a percentile can be answered over any fold of cells (a
 * percentile itself cannot be added). What a bucket stands for is up to the caller ({@link DurationBuckets} for
 * durations in seconds, or the value itself when values are few, like whole days). Empty buckets are dropped.
 * Immutable.
 */
public final class Histogram {

    public static final Histogram EMPTY = new Histogram(new TreeMap<>());

    private final SortedMap<Integer, Long> counts;

    private Histogram(SortedMap<Integer, Long> counts) {
        this.counts = Collections.unmodifiableSortedMap(counts);
    }

    public static Histogram of(int bucket) {
        TreeMap<Integer, Long> single = new TreeMap<>();
        single.put(bucket, 1L);
        return new Histogram(single);
    }

    public Histogram plus(Histogram other) {
        return combine(other, 1);
    }

    public Histogram minus(Histogram other) {
        return combine(other, -1);
    }

    private Histogram combine(Histogram other, int sign) {
        if (other.counts.isEmpty()) {
            return this;
        }
        TreeMap<Integer, Long> sum = new TreeMap<>(counts);
        other.counts.forEach((bucket, count) -> sum.merge(bucket, sign * count, Long::sum));
        sum.values().removeIf(count -> count == 0);
        return new Histogram(sum);
    }

    /** Adds many histograms into one map, then freezes it: folding thousands of cells copies no map per cell. */
    public static final class Sum {
        private final TreeMap<Integer, Long> sum = new TreeMap<>();

        public Sum add(Histogram histogram) {
            histogram.counts.forEach((bucket, count) -> sum.merge(bucket, count, Long::sum));
            return this;
        }

        public Histogram toHistogram() {
            TreeMap<Integer, Long> copy = new TreeMap<>(sum);
            copy.values().removeIf(count -> count == 0);
            return copy.isEmpty() ? EMPTY : new Histogram(copy);
        }
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public Map<Integer, Long> counts() {
        return counts;
    }

    /**
     * The {@code quantile} by nearest rank: the value of the bucket holding the ⌈q·n⌉-th smallest entry, i.e. the
     * smallest bucket with at least that share of entries at or below it. Null when empty.
     *
     * @param valueOfBucket what a bucket stands for
     */
    public Long quantile(double quantile, IntToLongFunction valueOfBucket) {
        long total = total();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return valueOfBucket.applyAsLong(bucket.getKey());
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }

    /** Bucket → count, with the bucket as the field name (documents need string keys). */
    public Document toDocument() {
        Document document = new Document();
        counts.forEach((bucket, count) -> document.append(Integer.toString(bucket), count));
        return document;
    }

    public static Histogram fromDocument(Document document) {
        if (document == null || document.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Integer, Long> counts = new TreeMap<>();
        document.forEach((bucket, count) -> counts.put(Integer.parseInt(bucket), ((Number) count).longValue()));
        return new Histogram(counts);
    }

    /**
     * The counts as one string, {@code bucket:count} pairs in bucket order joined by commas ({@code -1:2,150:7}): a
     * summary holds a histogram per value of every dimension, and one string element costs the server and the driver
     * far less to decode than a field per bucket.
     */
    public String toCompactString() {
        StringBuilder text = new StringBuilder(counts.size() * 8);
        counts.forEach((bucket, count) -> {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(bucket).append(':').append(count);
        });
        return text.toString();
    }

    public static Histogram fromCompactString(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        TreeMap<Integer, Long> counts = new TreeMap<>();
        int start = 0;
        while (start < text.length()) {
            int colon = text.indexOf(':', start);
            int comma = text.indexOf(',', colon);
            int end = comma < 0 ? text.length() : comma;
            counts.put(Integer.parseInt(text, start, colon, 10), Long.parseLong(text, colon + 1, end, 10));
            start = end + 1;
        }
        return new Histogram(counts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram other && counts.equals(other.counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return counts.toString();
    }
}
