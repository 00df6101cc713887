package io.refundledger.query.analytics.cancellation;

import io.refundledger.query.analytics.CellFold;
import io.refundledger.query.analytics.UnitSummaries.UnitSummary;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.CancellationFiguresView;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.CancellationGroupView;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.CancellationPeriodView;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.ProductRankView;
import io.refundledger.query.analytics.cancellation.CancellationReasonBreakdownView.TopCancellationProductsView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Answers cancellation-reason questions. Each period is tiled by the coarsest units wholly inside it (whole months,
 * whole weeks, leftover days; see {@link io.refundledger.query.analytics.CellUnit#cover}). Without filters it reads
 * those units' summaries, one document each ({@link io.refundledger.query.analytics.UnitSummaries}); with filters it
 * reads their cells through their indexes (by {@code _id}) and keeps those the filters let through. Either is folded
 * into the requested grouping and periods; a unit counts on its first day, which lies in its period.
 */
@Service
public class CancellationAnalyticsQueries {

    private final CancellationAnalyticsStore store;
    private final String businessZone;

    public CancellationAnalyticsQueries(CancellationAnalyticsStore store,
                                        @Value("${ledger.business-zone:Asia/Shanghai}") ZoneId businessZone) {
        this.store = store;
        this.businessZone = businessZone.getId();
    }

    /** Without filters from the covering units' summaries (one document each), else from their cells. */
    public CancellationReasonBreakdownView answer(FindCancellationReasonBreakdown question) {
        if (question.filters().equals(CancellationFilters.NONE)) {
            return answerFromSummaries(question);
        }
        return answerFromCells(question);
    }

    /** Read through the roll-up cells and filtered, whatever the filters. */
    CancellationReasonBreakdownView answerFromCells(FindCancellationReasonBreakdown question) {
        return breakdown(question, matching(store.cellsOf(question.range().cover()), question), businessZone);
    }

    /** The answer to a question without filters, folded from the summaries of the covering units. */
    CancellationReasonBreakdownView answerFromSummaries(FindCancellationReasonBreakdown question) {
        if (!question.filters().equals(CancellationFilters.NONE)) {
            throw new IllegalArgumentException("summaries hold no cells to filter: " + question.filters());
        }
        CellFold<CancellationTotals> fold = CellFold.ofUnits(store.summariesOf(question.range().cover(), question.groupBy()),
                question.range(), CancellationTotals.NONE, UnitSummary::day, UnitSummary::groups, UnitSummary::products);
        return present(question, fold, businessZone);
    }

    /** The same answer folded from day cells only, ignoring the roll-ups: what they must agree with. */
    CancellationReasonBreakdownView answerFromDayCells(FindCancellationReasonBreakdown question) {
        return breakdown(question, matching(store.cellsOn(question.range().days()), question), businessZone);
    }

    private static List<CancellationCell> matching(List<CancellationCell> cells, FindCancellationReasonBreakdown question) {
        return cells.stream().filter(cell -> question.filters().matches(cell.key())).toList();
    }

    /** The fold and its presentation, without storage. */
    static CancellationReasonBreakdownView breakdown(FindCancellationReasonBreakdown question, List<CancellationCell> cells,
                                                     String businessZone) {
        CancellationGroupBy groupBy = question.groupBy();
        CellFold<CancellationTotals> fold = CellFold.of(cells, question.range(), CancellationTotals.NONE,
                cell -> cell.key().date(), CancellationCell::totals, cell -> groupBy.valueOf(cell.key()),
                cell -> cell.key().productId());
        return present(question, fold, businessZone);
    }

    private static CancellationReasonBreakdownView present(FindCancellationReasonBreakdown question,
                                                           CellFold<CancellationTotals> fold, String businessZone) {
        CancellationGroupBy groupBy = question.groupBy();
        CancellationTotals whole = fold.total();
        List<CancellationPeriodView> trend = fold.periods().stream()
                .map(p -> new CancellationPeriodView(p.period().label(), p.period().start(), p.period().end(),
                        CancellationFiguresView.of(p.total(), whole), groups(p.groups(), p.total())))
                .toList();
        return new CancellationReasonBreakdownView(question.range().from(), question.range().to(),
                question.range().granularity(), groupBy, businessZone, question.filters(),
                CancellationFiguresView.of(whole, whole), groups(fold.groups(), whole), trend,
                topProducts(fold.products(), question.top()));
    }

    /** Most requests first, then most refusals, then by key. */
    private static List<CancellationGroupView> groups(SortedMap<String, CancellationTotals> groups, CancellationTotals whole) {
        return groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, CancellationTotals> e) -> e.getValue().requested())
                        .thenComparingLong(e -> e.getValue().refused()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new CancellationGroupView(e.getKey(), CancellationFiguresView.of(e.getValue(), whole)))
                .toList();
    }

    private static TopCancellationProductsView topProducts(SortedMap<String, CancellationTotals> products, int top) {
        List<ProductRankView> byRequests = products.entrySet().stream()
                .filter(e -> e.getValue().requested() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, CancellationTotals> e) -> e.getValue().requested())
                        .reversed().thenComparing(Map.Entry::getKey))
                .limit(top).map(CancellationAnalyticsQueries::rank).toList();
        TreeSet<String> currencies = new TreeSet<>();
        products.values().forEach(t -> currencies.addAll(t.netRefund().currencies()));
        Map<String, List<ProductRankView>> byNetRefund = new TreeMap<>();
        for (String currency : currencies) {
            Function<Map.Entry<String, CancellationTotals>, BigDecimal> in = e -> e.getValue().netRefund().in(currency);
            byNetRefund.put(currency, products.entrySet().stream()
                    .filter(e -> in.apply(e).signum() > 0)
                    .sorted(Comparator.comparing(in).reversed().thenComparing(Map.Entry::getKey))
                    .limit(top).map(CancellationAnalyticsQueries::rank).toList());
        }
        return new TopCancellationProductsView(byRequests, byNetRefund);
    }

    private static ProductRankView rank(Map.Entry<String, CancellationTotals> product) {
        CancellationTotals t = product.getValue();
        return new ProductRankView(product.getKey(), t.requested(), t.terminated(), t.netRefund().asStrings());
    }
}
