package io.refundledger.query.analytics;

import org.bson.Document;

import java.util.Arrays;
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
 *
 * <p>Kept as two arrays, the buckets in ascending order and their counts: a question may decode and add thousands of
 * histograms of hundreds of buckets each (a staff KPI question by day over a quarter of busy reviewers), and a map
 * boxing every bucket and count made that most of its time.
 */
public final class Histogram {

    public static final Histogram EMPTY = new Histogram(new int[0], new long[0]);

    /** Ascending, no bucket twice. */
    private final int[] buckets;
    /** {@code counts[i]} entries in {@code buckets[i]}; never 0. */
    private final long[] counts;

    private Histogram(int[] buckets, long[] counts) {
        this.buckets = buckets;
        this.counts = counts;
    }

    public static Histogram of(int bucket) {
        return new Histogram(new int[] {bucket}, new long[] {1});
    }

    public Histogram plus(Histogram other) {
        return combine(other, 1);
    }

    public Histogram minus(Histogram other) {
        return combine(other, -1);
    }

    /** Merges the two ascending bucket lists, dropping buckets whose counts cancel out. */
    private Histogram combine(Histogram other, int sign) {
        if (other.buckets.length == 0) {
            return this;
        }
        int[] mergedBuckets = new int[buckets.length + other.buckets.length];
        long[] mergedCounts = new long[mergedBuckets.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < buckets.length || j < other.buckets.length) {
            int bucket;
            long count;
            if (j == other.buckets.length || (i < buckets.length && buckets[i] < other.buckets[j])) {
                bucket = buckets[i];
                count = counts[i++];
            } else if (i == buckets.length || other.buckets[j] < buckets[i]) {
                bucket = other.buckets[j];
                count = sign * other.counts[j++];
            } else {
                bucket = buckets[i];
                count = counts[i++] + sign * other.counts[j++];
            }
            if (count != 0) {
                mergedBuckets[n] = bucket;
                mergedCounts[n++] = count;
            }
        }
        return n == 0 ? EMPTY : new Histogram(Arrays.copyOf(mergedBuckets, n), Arrays.copyOf(mergedCounts, n));
    }

    /**
     * Adds many histograms into one sum, then freezes it: folding thousands of cells copies nothing per cell. The
     * counts are kept in an array indexed by bucket, which grows to the buckets added: buckets are small numbers
     * (durations of a year fit in 900). Buckets too far apart for an array go to a map instead.
     */
    public static final class Sum {
        /** The widest span of buckets kept in the array. */
        private static final int MAX_SPAN = 1 << 16;

        private long[] dense = new long[0];
        private int low;
        private TreeMap<Integer, Long> sparse;

        public Sum add(Histogram histogram) {
            for (int i = 0; i < histogram.buckets.length; i++) {
                add(histogram.buckets[i], histogram.counts[i]);
            }
            return this;
        }

        private void add(int bucket, long count) {
            if (sparse == null && (dense.length == 0 || bucket < low || bucket >= low + dense.length)) {
                grow(bucket);
            }
            if (sparse != null) {
                sparse.merge(bucket, count, Long::sum);
            } else {
                dense[bucket - low] += count;
            }
        }

        /** Makes room for {@code bucket}, doubling the array towards it; or moves to the map when that gets too wide. */
        private void grow(int bucket) {
            long from = dense.length == 0 ? bucket : Math.min(low, bucket);
            long to = dense.length == 0 ? bucket + 1L : Math.max(low + (long) dense.length, bucket + 1L); // exclusive
            long length = Math.max(16, Math.min(MAX_SPAN, 2 * (to - from)));
            long grownLow = dense.length > 0 && bucket < low ? to - length : from;
            if (to - from > MAX_SPAN || grownLow < Integer.MIN_VALUE || grownLow + length - 1 > Integer.MAX_VALUE) {
                sparse = new TreeMap<>();
                for (int i = 0; i < dense.length; i++) {
                    if (dense[i] != 0) {
                        sparse.put(low + i, dense[i]);
                    }
                }
                return;
            }
            long[] grown = new long[(int) length];
            if (dense.length > 0) {
                System.arraycopy(dense, 0, grown, (int) (low - grownLow), dense.length);
            }
            dense = grown;
            low = (int) grownLow;
        }

        public long total() {
            if (sparse != null) {
                return sparse.values().stream().mapToLong(Long::longValue).sum();
            }
            long total = 0;
            for (long count : dense) {
                total += count;
            }
            return total;
        }

        /** The same as {@code toHistogram().quantile(…)}, without building the histogram. */
        public Long quantile(double quantile, IntToLongFunction valueOfBucket) {
            if (sparse != null) {
                return toHistogram().quantile(quantile, valueOfBucket);
            }
            long total = total();
            if (total == 0) {
                return null;
            }
            long rank = rank(quantile, total);
            long seen = 0;
            for (int i = 0; i < dense.length; i++) {
                seen += dense[i];
                if (dense[i] != 0 && seen >= rank) {
                    return valueOfBucket.applyAsLong(low + i);
                }
            }
            throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
        }

        public Histogram toHistogram() {
            if (sparse != null) {
                int[] buckets = new int[sparse.size()];
                long[] counts = new long[buckets.length];
                int n = 0;
                for (Map.Entry<Integer, Long> bucket : sparse.entrySet()) {
                    if (bucket.getValue() != 0) {
                        buckets[n] = bucket.getKey();
                        counts[n++] = bucket.getValue();
                    }
                }
                return of(buckets, counts, n);
            }
            int n = 0;
            for (long count : dense) {
                if (count != 0) {
                    n++;
                }
            }
            int[] buckets = new int[n];
            long[] counts = new long[n];
            for (int i = 0, k = 0; i < dense.length; i++) {
                if (dense[i] != 0) {
                    buckets[k] = low + i;
                    counts[k++] = dense[i];
                }
            }
            return of(buckets, counts, n);
        }
    }

    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    public boolean isEmpty() {
        return buckets.length == 0;
    }

    /** Bucket → count, ascending. */
    public Map<Integer, Long> counts() {
        TreeMap<Integer, Long> map = new TreeMap<>();
        for (int i = 0; i < buckets.length; i++) {
            map.put(buckets[i], counts[i]);
        }
        return Collections.unmodifiableSortedMap(map);
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
        long rank = rank(quantile, total);
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return valueOfBucket.applyAsLong(buckets[i]);
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + total);
    }

    private static long rank(double quantile, long total) {
        return Math.max(1, (long) Math.ceil(quantile * total));
    }

    /** Bucket → count, with the bucket as the field name (documents need string keys). */
    public Document toDocument() {
        Document document = new Document();
        for (int i = 0; i < buckets.length; i++) {
            document.append(Integer.toString(buckets[i]), counts[i]);
        }
        return document;
    }

    public static Histogram fromDocument(Document document) {
        if (document == null || document.isEmpty()) {
            return EMPTY;
        }
        int[] buckets = new int[document.size()];
        long[] counts = new long[buckets.length];
        int n = 0;
        for (Map.Entry<String, Object> bucket : document.entrySet()) {
            buckets[n] = Integer.parseInt(bucket.getKey());
            counts[n++] = ((Number) bucket.getValue()).longValue();
        }
        return of(buckets, counts, n);
    }

    /**
     * The counts as one string, {@code bucket:count} pairs in bucket order joined by commas ({@code -1:2,150:7}): a
     * summary holds a histogram per value of every dimension, and one string element costs the server and the driver
     * far less to decode than a field per bucket.
     */
    public String toCompactString() {
        StringBuilder text = new StringBuilder(buckets.length * 8);
        for (int i = 0; i < buckets.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(buckets[i]).append(':').append(counts[i]);
        }
        return text.toString();
    }

    public static Histogram fromCompactString(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        int pairs = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ',') {
                pairs++;
            }
        }
        int[] buckets = new int[pairs];
        long[] counts = new long[pairs];
        int n = 0;
        int start = 0;
        while (start < text.length()) {
            int colon = text.indexOf(':', start);
            int comma = text.indexOf(',', colon);
            int end = comma < 0 ? text.length() : comma;
            buckets[n] = Integer.parseInt(text, start, colon, 10);
            counts[n++] = Long.parseLong(text, colon + 1, end, 10);
            start = end + 1;
        }
        return of(buckets, counts, n);
    }

    /**
     * The first {@code n} pairs as a histogram: as stored they are in ascending order with no zero counts, so this only
     * checks; anything else (a document written in another order) is sorted and summed per bucket.
     */
    private static Histogram of(int[] buckets, long[] counts, int n) {
        if (n == 0) {
            return EMPTY;
        }
        boolean canonical = counts[0] != 0;
        for (int i = 1; i < n && canonical; i++) {
            canonical = buckets[i - 1] < buckets[i] && counts[i] != 0;
        }
        if (canonical) {
            return new Histogram(n == buckets.length ? buckets : Arrays.copyOf(buckets, n),
                    n == counts.length ? counts : Arrays.copyOf(counts, n));
        }
        Sum sum = new Sum();
        for (int i = 0; i < n; i++) {
            sum.add(buckets[i], counts[i]);
        }
        return sum.toHistogram();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram other && Arrays.equals(buckets, other.buckets) && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(buckets) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return counts().toString();
    }
}
