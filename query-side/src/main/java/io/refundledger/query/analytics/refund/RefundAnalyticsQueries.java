package io.refundledger.query.analytics.refund;

import io.refundledger.query.analytics.Amounts;
import io.refundledger.query.analytics.CellFold;
import io.refundledger.query.analytics.UnitSummaries.UnitSummary;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.ProductRankView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundFiguresView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundGroupView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.RefundPeriodView;
import io.refundledger.query.analytics.refund.RefundReasonBreakdownView.TopRefundProductsView;
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
 * Answers refund-reason questions. Each period is tiled by the coarsest units wholly inside it (whole months, whole
 * weeks, leftover days; see {@link io.refundledger.query.analytics.CellUnit#cover}). Without filters it reads those
 * units' summaries, one document each ({@link io.refundledger.query.analytics.UnitSummaries}); with filters it reads
 * their cells through their indexes (by {@code _id}) and keeps those the filters let through. Either is folded into
 * the requested grouping and periods; a unit counts on its first day, which lies in its period.
 */
@Service
public class RefundAnalyticsQueries {

    private final RefundAnalyticsStore store;
    private final String businessZone;

    public RefundAnalyticsQueries(RefundAnalyticsStore store,
                                  @Value("${ledger.business-zone:Asia/Shanghai}") ZoneId businessZone) {
        this.store = store;
        this.businessZone = businessZone.getId();
    }

    /** Without filters from the covering units' summaries (one document each), else from their cells. */
    public RefundReasonBreakdownView answer(FindRefundReasonBreakdown question) {
        if (question.filters().equals(RefundFilters.NONE)) {
            return answerFromSummaries(question);
        }
        return answerFromCells(question);
    }

    /** Read through the roll-up cells and filtered, whatever the filters. */
    RefundReasonBreakdownView answerFromCells(FindRefundReasonBreakdown question) {
        return breakdown(question, matching(store.cellsOf(question.range().cover()), question), businessZone);
    }

    /** The answer to a question without filters, folded from the summaries of the covering units. */
    RefundReasonBreakdownView answerFromSummaries(FindRefundReasonBreakdown question) {
        if (!question.filters().equals(RefundFilters.NONE)) {
            throw new IllegalArgumentException("summaries hold no cells to filter: " + question.filters());
        }
        RefundGroupBy groupBy = question.groupBy();
        CellFold<RefundTotals> fold = CellFold.ofUnits(store.summariesOf(question.range().cover(), groupBy),
                question.range(), RefundTotals.NONE, UnitSummary::day, UnitSummary::groups, UnitSummary::products);
        return present(question, fold, businessZone);
    }

    /** The same answer folded from day cells only, ignoring the roll-ups: what they must agree with. */
    RefundReasonBreakdownView answerFromDayCells(FindRefundReasonBreakdown question) {
        return breakdown(question, matching(store.cellsOn(question.range().days()), question), businessZone);
    }

    private static List<RefundCell> matching(List<RefundCell> cells, FindRefundReasonBreakdown question) {
        return cells.stream().filter(cell -> question.filters().matches(cell.key())).toList();
    }

    /** The fold and its presentation, without storage. */
    static RefundReasonBreakdownView breakdown(FindRefundReasonBreakdown question, List<RefundCell> cells, String businessZone) {
        RefundGroupBy groupBy = question.groupBy();
        CellFold<RefundTotals> fold = CellFold.of(cells, question.range(), RefundTotals.NONE,
                cell -> cell.key().date(), RefundCell::totals, cell -> groupBy.valueOf(cell.key()),
                cell -> cell.key().productId());
        return present(question, fold, businessZone);
    }

    private static RefundReasonBreakdownView present(FindRefundReasonBreakdown question, CellFold<RefundTotals> fold,
                                                     String businessZone) {
        RefundGroupBy groupBy = question.groupBy();
        RefundTotals whole = fold.total();
        List<RefundPeriodView> trend = fold.periods().stream()
                .map(p -> new RefundPeriodView(p.period().label(), p.period().start(), p.period().end(),
                        RefundFiguresView.of(p.total(), whole), groups(p.groups(), p.total())))
                .toList();
        return new RefundReasonBreakdownView(question.range().from(), question.range().to(), question.range().granularity(),
                groupBy, businessZone, question.filters(), RefundFiguresView.of(whole, whole),
                groups(fold.groups(), whole), trend, topProducts(fold.products(), question.top()));
    }

    /** Most applications first, then by key. */
    private static List<RefundGroupView> groups(SortedMap<String, RefundTotals> groups, RefundTotals whole) {
        return groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, RefundTotals> e) -> e.getValue().applications())
                        .reversed().thenComparing(Map.Entry::getKey))
                .map(e -> new RefundGroupView(e.getKey(), RefundFiguresView.of(e.getValue(), whole)))
                .toList();
    }

    private static TopRefundProductsView topProducts(SortedMap<String, RefundTotals> products, int top) {
        List<ProductRankView> byApplications = products.entrySet().stream()
                .filter(e -> e.getValue().applications() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, RefundTotals> e) -> e.getValue().applications())
                        .reversed().thenComparing(Map.Entry::getKey))
                .limit(top).map(RefundAnalyticsQueries::rank).toList();
        return new TopRefundProductsView(byApplications, byAmount(products, RefundTotals::requested, top),
                byAmount(products, RefundTotals::paid, top));
    }

    /** Per currency, the products with the largest amounts in it; amounts in other currencies are not converted. */
    private static Map<String, List<ProductRankView>> byAmount(SortedMap<String, RefundTotals> products,
                                                               Function<RefundTotals, Amounts> amount, int top) {
        TreeSet<String> currencies = new TreeSet<>();
        products.values().forEach(t -> currencies.addAll(amount.apply(t).currencies()));
        Map<String, List<ProductRankView>> ranked = new TreeMap<>();
        for (String currency : currencies) {
            Function<Map.Entry<String, RefundTotals>, BigDecimal> in = e -> amount.apply(e.getValue()).in(currency);
            ranked.put(currency, products.entrySet().stream()
                    .filter(e -> in.apply(e).signum() > 0)
                    .sorted(Comparator.comparing(in).reversed().thenComparing(Map.Entry::getKey))
                    .limit(top).map(RefundAnalyticsQueries::rank).toList());
        }
        return ranked;
    }

    private static ProductRankView rank(Map.Entry<String, RefundTotals> product) {
        RefundTotals t = product.getValue();
        return new ProductRankView(product.getKey(), t.applications(), t.requested().asStrings(), t.paid().asStrings());
    }
}
