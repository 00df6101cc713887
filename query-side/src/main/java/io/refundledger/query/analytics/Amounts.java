package io.refundledger.query.analytics;

import io.refundledger.events.common.Money;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Sums of money kept apart per currency: different currencies are never added. Currencies that sum to zero are
 * dropped, so a group an amount moved out of reads the same as one it never entered. Immutable.
 */
public final class Amounts {

    public static final Amounts NONE = new Amounts(new TreeMap<>());

    private final SortedMap<String, BigDecimal> byCurrency;

    private Amounts(SortedMap<String, BigDecimal> byCurrency) {
        this.byCurrency = Collections.unmodifiableSortedMap(byCurrency);
    }

    public static Amounts of(Money money) {
        if (money == null || money.isZero()) {
            return NONE;
        }
        TreeMap<String, BigDecimal> single = new TreeMap<>();
        single.put(money.currency(), money.amount());
        return new Amounts(single);
    }

    public Amounts plus(Amounts other) {
        return combine(other, 1);
    }

    public Amounts minus(Amounts other) {
        return combine(other, -1);
    }

    private Amounts combine(Amounts other, int sign) {
        if (other.byCurrency.isEmpty()) {
            return this;
        }
        TreeMap<String, BigDecimal> sum = new TreeMap<>(byCurrency);
        other.byCurrency.forEach((currency, amount) ->
                sum.merge(currency, sign < 0 ? amount.negate() : amount, BigDecimal::add));
        sum.values().removeIf(amount -> amount.signum() == 0);
        return new Amounts(sum);
    }

    /** Adds many amounts into one map, then freezes it: folding thousands of cells copies no map per cell. */
    public static final class Sum {
        private final TreeMap<String, BigDecimal> sum = new TreeMap<>();

        public Sum add(Amounts amounts) {
            amounts.byCurrency.forEach((currency, amount) -> sum.merge(currency, amount, BigDecimal::add));
            return this;
        }

        public Amounts toAmounts() {
            TreeMap<String, BigDecimal> copy = new TreeMap<>(sum);
            copy.values().removeIf(amount -> amount.signum() == 0);
            return copy.isEmpty() ? NONE : new Amounts(copy);
        }
    }

    public BigDecimal in(String currency) {
        return byCurrency.getOrDefault(currency, BigDecimal.ZERO);
    }

    public Set<String> currencies() {
        return byCurrency.keySet();
    }

    public boolean isEmpty() {
        return byCurrency.isEmpty();
    }

    /** Currency → amount as a decimal string, the way the API shows money (never a binary floating point). */
    public Map<String, String> asStrings() {
        TreeMap<String, String> strings = new TreeMap<>();
        byCurrency.forEach((currency, amount) -> strings.put(currency, amount.toPlainString()));
        return strings;
    }

    public Document toDocument() {
        Document document = new Document();
        byCurrency.forEach((currency, amount) -> document.append(currency, amount.toPlainString()));
        return document;
    }

    public static Amounts fromDocument(Document document) {
        if (document == null || document.isEmpty()) {
            return NONE;
        }
        TreeMap<String, BigDecimal> amounts = new TreeMap<>();
        document.forEach((currency, amount) -> amounts.put(currency, new BigDecimal((String) amount)));
        return new Amounts(amounts);
    }

    @Override
    public boolean equals(Object o) {
        // compareTo, not equals: 1200.0 and 1200.00 are the same sum.
        if (!(o instanceof Amounts other) || !byCurrency.keySet().equals(other.byCurrency.keySet())) {
            return false;
        }
        return byCurrency.entrySet().stream().allMatch(e -> e.getValue().compareTo(other.byCurrency.get(e.getKey())) == 0);
    }

    @Override
    public int hashCode() {
        return byCurrency.keySet().hashCode();
    }

    @Override
    public String toString() {
        return asStrings().toString();
    }
}
