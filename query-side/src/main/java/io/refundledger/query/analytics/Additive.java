package io.refundledger.query.analytics;

import java.util.List;

/** Figures that can be added: what a cell holds, and what any fold of cells holds. */
public interface Additive<T extends Additive<T>> {

    T plus(T other);

    /**
     * This plus all of {@code values}. Figures with maps inside (amounts, histograms) override it to add into one
     * mutable sum: pairwise {@link #plus} copies every map once per value, which dominated folding thousands of cells.
     */
    @SuppressWarnings("unchecked")
    default T plusAll(List<T> values) {
        T sum = (T) this;
        for (T value : values) {
            sum = sum.plus(value);
        }
        return sum;
    }
}
