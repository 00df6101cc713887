package io.refundledger.query.analytics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.refundledger.query.common.IdLookups;
import io.refundledger.query.common.ReadModelBatch;
import org.bson.Document;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One summary document per unit (day, ISO week, month; {@code _id} = the unit's label, one collection per span):
 * for every dimension a question may group by, the figures per value of it ({@code byReason: {PRODUCT_QUALITY: …}},
 * {@code byProduct: {…}}, …), so a question without filters reads one document per covering unit instead of one per
 * dimension combination. The figures per product also answer the top-product lists.
 *
 * <p>Fed by the same day-cell changes as the cells: a value is listed in a unit's summary once a non-empty change of a
 * day cell with that value reached it, and stays listed when its figures go back to nothing, exactly as the cell
 * stays; so a summary folds to what the unit's day cells fold to, groups of nothing included. Each summary keeps the
 * position it last applied (all of an event's changes to it are applied at once), and is read and written through the
 * current {@link ReadModelBatch}, so a batch writes each once. Entries are changed in place on the document the batch
 * holds: an event decodes and encodes only the entries it changes, not the whole summary.
 *
 * @param <T> the figures kept per value
 */
public final class UnitSummaries<T extends Additive<T>> {

    static final String DAY = "day";
    static final String LAST_APPLIED_POSITION = "lastAppliedPosition";

    /** Looked up on every use: the collection of the generation in force (query.rebuild), never kept. */
    private final MongoDatabase database;
    private final Map<Granularity, String> names;
    private final T zero;
    private final Function<T, Document> encode;
    private final Function<Document, T> decode;

    /**
     * @param names  the collection of the summaries of each span
     * @param encode figures as a compact entry (amounts as decimal strings, nothing stored for zero)
     */
    public UnitSummaries(MongoDatabase database, Map<Granularity, String> names, T zero,
                         Function<T, Document> encode, Function<Document, T> decode) {
        this.database = database;
        this.names = new EnumMap<>(names);
        this.zero = zero;
        this.encode = encode;
        this.decode = decode;
    }

    /**
     * A change of one day cell.
     *
     * @param values per summary field ({@code byReason}, …), the cell's value of that dimension
     */
    public record DayChange<T>(LocalDate day, Map<String, String> values, T change) {
    }

    /** A unit's figures per value of one dimension, and per product, as a question reads them. */
    public record UnitSummary<T>(LocalDate day, Map<String, T> groups, Map<String, T> products) {
    }

    /** Reads the summaries of every unit holding one of these days into the current batch at once. */
    public void prefetch(Collection<LocalDate> days) {
        ReadModelBatch batch = ReadModelBatch.current();
        for (Granularity span : Granularity.values()) {
            Set<String> labels = new LinkedHashSet<>();
            days.forEach(day -> labels.add(CellUnit.holding(span, day).label()));
            batch.prefetch(collection(span), labels);
        }
    }

    /** Adds one event's non-empty day-cell changes to the summaries of every span they fall in. */
    public void add(List<DayChange<T>> changes, long position) {
        if (changes.isEmpty()) {
            return;
        }
        ReadModelBatch batch = ReadModelBatch.current();
        for (Granularity span : Granularity.values()) {
            Map<CellUnit, List<DayChange<T>>> byUnit = new LinkedHashMap<>();
            changes.forEach(c -> byUnit.computeIfAbsent(CellUnit.holding(span, c.day()), u -> new ArrayList<>()).add(c));
            byUnit.forEach((unit, unitChanges) -> addToUnit(batch, span, unit, unitChanges, position));
        }
    }

    private void addToUnit(ReadModelBatch batch, Granularity span, CellUnit unit, List<DayChange<T>> changes, long position) {
        MongoCollection<Document> summaries = collection(span);
        Document summary = batch.find(summaries, unit.label()).orElse(null);
        if (summary != null && ((Number) summary.get(LAST_APPLIED_POSITION)).longValue() >= position) {
            return; // this summary already has the event
        }
        if (summary == null) {
            summary = new Document("_id", unit.label()).append(DAY, unit.start().toString());
        }
        // In a batch, the figures stay decoded until its end and are encoded once ({@link Decoded}); written through,
        // each change is encoded at once.
        Decoded decoded = batch.writesThrough() ? null : batch.participant(names.get(span), Decoded::new);
        // Per field and value, the changes summed first, so each entry is decoded and encoded once per event.
        Map<String, Map<String, List<T>>> sums = new LinkedHashMap<>();
        for (DayChange<T> c : changes) {
            c.values().forEach((field, value) ->
                    sums.computeIfAbsent(field, f -> new LinkedHashMap<>()).computeIfAbsent(value, v -> new ArrayList<>()).add(c.change()));
        }
        for (Map.Entry<String, Map<String, List<T>>> field : sums.entrySet()) {
            Document entries = summary.get(field.getKey(), Document.class);
            if (entries == null) {
                entries = new Document();
                summary.put(field.getKey(), entries);
            }
            for (Map.Entry<String, List<T>> value : field.getValue().entrySet()) {
                if (decoded == null) {
                    Document stored = entries.get(value.getKey(), Document.class);
                    T before = stored == null ? zero : decode.apply(stored);
                    entries.put(value.getKey(), encode.apply(before.plusAll(value.getValue())));
                } else {
                    decoded.add(entries, value.getKey(), value.getValue());
                }
            }
        }
        summary.put(LAST_APPLIED_POSITION, position);
        batch.put(summaries, unit.label(), summary);
    }

    /**
     * A batch's figures of the summaries of one span, decoded: a summary's entry is changed by many events of a batch
     * (a month's by nearly all), and decoding and encoding it at every event was half of the refund analytics' time in
     * a profile of a rebuild. Each entry is decoded when a batch first changes it and encoded into its summary as the
     * batch is written, just before the summaries themselves (the participant flushes under the collection's name).
     */
    private final class Decoded implements ReadModelBatch.Participant {

        /** Per entries document (by identity: the batch holds each summary once), value → figures. */
        private final Map<Document, Map<String, T>> figures = new IdentityHashMap<>();

        void add(Document entries, String value, List<T> changes) {
            Map<String, T> ofEntries = figures.computeIfAbsent(entries, e -> new HashMap<>());
            T before = ofEntries.get(value);
            if (before == null) {
                Document stored = entries.get(value, Document.class);
                before = stored == null ? zero : decode.apply(stored);
                if (stored == null) {
                    entries.put(value, new Document()); // holds the entry's place among the others until it is encoded
                }
            }
            ofEntries.put(value, before.plusAll(changes));
        }

        @Override
        public void flush() {
            figures.forEach((entries, values) -> values.forEach((value, total) -> entries.put(value, encode.apply(total))));
        }
    }

    /**
     * The summaries of these units, each with its figures per value of {@code groupField} and per product
     * ({@code productField}): one lookup by {@code _id} per span, reading only those two fields.
     */
    public List<UnitSummary<T>> of(Collection<CellUnit> units, String groupField, String productField) {
        List<UnitSummary<T>> found = new ArrayList<>();
        for (Granularity span : Granularity.values()) {
            List<String> labels = units.stream().filter(unit -> unit.span() == span).map(CellUnit::label).toList();
            IdLookups.inSlices(labels, slice -> collection(span).find(Filters.in("_id", slice))
                    .projection(Projections.include(DAY, groupField, productField))
                    .forEach(d -> found.add(toSummary(d, groupField, productField))));
        }
        return found;
    }

    private UnitSummary<T> toSummary(Document d, String groupField, String productField) {
        Map<String, T> groups = entries(d.get(groupField, Document.class));
        Map<String, T> products = groupField.equals(productField) ? groups : entries(d.get(productField, Document.class));
        return new UnitSummary<>(LocalDate.parse(d.getString(DAY)), groups, products);
    }

    private Map<String, T> entries(Document entries) {
        Map<String, T> decoded = new HashMap<>();
        if (entries != null) {
            entries.forEach((value, entry) -> decoded.put(value, decode.apply((Document) entry)));
        }
        return decoded;
    }

    /** Every summary of that span, as stored (for comparing and testing). */
    public List<Document> all(Granularity span) {
        return collection(span).find().into(new ArrayList<>());
    }

    public void drop() {
        names.values().forEach(name -> database.getCollection(name).drop());
    }

    private MongoCollection<Document> collection(Granularity span) {
        return database.getCollection(names.get(span));
    }

    // ------------------------------------------------------------------------------------------- entry codec helpers

    /** Appends {@code value} under {@code key} unless it is zero: summaries hold many entries, most fields zero. */
    public static Document appendNonZero(Document entry, String key, long value) {
        return value == 0 ? entry : entry.append(key, value);
    }

    /** Appends the amounts (decimal strings per currency) unless there are none. */
    public static Document appendNonEmpty(Document entry, String key, Amounts amounts) {
        return amounts.isEmpty() ? entry : entry.append(key, amounts.toDocument());
    }

    /** Appends the histogram, as one string ({@link Histogram#toCompactString}), unless it is empty. */
    public static Document appendNonEmpty(Document entry, String key, Histogram histogram) {
        return histogram.isEmpty() ? entry : entry.append(key, histogram.toCompactString());
    }

    public static Histogram histogram(Document entry, String key) {
        return Histogram.fromCompactString(entry.getString(key));
    }

    public static long number(Document entry, String key) {
        Object value = entry.get(key);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
