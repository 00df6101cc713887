package io.refundledger.query.analytics;

/** Figures that can be added: what a cell holds, and what any fold of cells holds. */
public interface Additive<T extends Additive<T>> {

    T plus(T other);
}
