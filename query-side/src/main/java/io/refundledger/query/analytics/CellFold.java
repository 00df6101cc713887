package io.refundledger.query.analytics;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Per-day cells folded in memory into what a dashboard asks for: the range's total, the total per group, the
 * same per period, and the total per product (for the top lists). Pure.
 *
 * @param total   everything in the range
 * @param groups  per value of the group-by dimension, sorted by that value
 * @param periods every period of the range in order, empty ones included
 * @param products per product id, sorted by id
 */
public record CellFold<T extends Additive<T>>(T total, SortedMap<String, T> groups, List<PeriodFold<T>> periods,
                                              SortedMap<String, T> products) {

    /** One period: its total and its total per group. */
    public record PeriodFold<T>(Period period, T total, SortedMap<String, T> groups) {
    }

    /**
     * @param cells   the cells to fold, already filtered; cells outside the range are ignored
     * @param zero    the figures of nothing
     * @param day     the day a cell counts on
     * @param figures what a cell holds
     * @param group   the cell's value of the group-by dimension
     * @param product the cell's product id
     */
    public static <C, T extends Additive<T>> CellFold<T> of(Collection<C> cells, AnalyticsRange range, T zero,
                                                            Function<C, LocalDate> day, Function<C, T> figures,
                                                            Function<C, String> group, Function<C, String> product) {
        T total = zero;
        SortedMap<String, T> groups = new TreeMap<>();
        SortedMap<String, T> products = new TreeMap<>();
        Map<Period, T> periodTotals = new LinkedHashMap<>();
        Map<Period, SortedMap<String, T>> periodGroups = new LinkedHashMap<>();
        for (Period period : range.periods()) {
            periodTotals.put(period, zero);
            periodGroups.put(period, new TreeMap<>());
        }
        for (C cell : cells) {
            LocalDate cellDay = day.apply(cell);
            if (!range.contains(cellDay)) {
                continue;
            }
            T value = figures.apply(cell);
            Period period = range.periodOf(cellDay);
            total = total.plus(value);
            groups.merge(group.apply(cell), value, Additive::plus);
            products.merge(product.apply(cell), value, Additive::plus);
            periodTotals.merge(period, value, Additive::plus);
            periodGroups.get(period).merge(group.apply(cell), value, Additive::plus);
        }
        List<PeriodFold<T>> periods = periodTotals.entrySet().stream()
                .map(e -> new PeriodFold<>(e.getKey(), e.getValue(), Collections.unmodifiableSortedMap(periodGroups.get(e.getKey()))))
                .toList();
        return new CellFold<>(total, Collections.unmodifiableSortedMap(groups), periods,
                Collections.unmodifiableSortedMap(products));
    }
}
