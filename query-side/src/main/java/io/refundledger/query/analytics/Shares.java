package io.refundledger.query.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;

/** Parts of a whole as fractions between 0 and 1, to four decimals. */
public final class Shares {

    private Shares() {
    }

    /** Null when the whole is zero: there is nothing to have a share of. */
    public static BigDecimal of(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** Per currency of the whole; a currency the part lacks has share 0. */
    public static Map<String, BigDecimal> of(Amounts part, Amounts whole) {
        Map<String, BigDecimal> shares = new TreeMap<>();
        for (String currency : whole.currencies()) {
            BigDecimal total = whole.in(currency);
            if (total.signum() != 0) {
                shares.put(currency, part.in(currency).divide(total, 4, RoundingMode.HALF_UP));
            }
        }
        return shares;
    }
}
