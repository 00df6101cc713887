package io.refundledger.command.generator;

import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.RefundReasonCategory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.refundledger.events.refund.RefundReasonCategory.BUSINESS_CHANGE;
import static io.refundledger.events.refund.RefundReasonCategory.DAMAGED_IN_TRANSIT;
import static io.refundledger.events.refund.RefundReasonCategory.DUPLICATE_CHARGE;
import static io.refundledger.events.refund.RefundReasonCategory.NOT_AS_DESCRIBED;
import static io.refundledger.events.refund.RefundReasonCategory.OTHER;
import static io.refundledger.events.refund.RefundReasonCategory.PRICE_CHANGE;
import static io.refundledger.events.refund.RefundReasonCategory.PRODUCT_QUALITY;
import static io.refundledger.events.refund.RefundReasonCategory.SERVICE_NOT_AS_EXPECTED;
import static io.refundledger.events.refund.RefundReasonCategory.TECHNICAL_PROBLEMS;
import static io.refundledger.events.refund.RefundReasonCategory.TOO_HARD_TO_USE;
import static io.refundledger.events.refund.RefundReasonCategory.WRONG_ITEM;

/**
 * What generated histories are made of: a small product catalogue, customer segments with their own customers and
 * order sizes, and the reasons customers give, weighted so that dashboards show a few products and reasons standing
 * out rather than a flat spread. Pure data and weighted draws.
 */
public final class Catalogue {

    public static final List<Product> PRODUCTS = List.of(
            new Product("CRM-CLOUD-BASIC", new BigDecimal("1188.00"), true, 12),
            new Product("CRM-CLOUD-PRO", new BigDecimal("2388.00"), true, 12),
            new Product("CRM-MOBILE-PRO", new BigDecimal("299.00"), true, 1),
            new Product("ONBOARDING-TRAINING", new BigDecimal("4800.00"), true, 0),
            new Product("SMART-POS-T2", new BigDecimal("1899.00"), false, 0),
            new Product("HEADSET-H5", new BigDecimal("399.00"), false, 0),
            new Product("BARCODE-SCANNER-S3", new BigDecimal("699.00"), false, 0));

    /** How often each product is refunded: the POS terminal and the cloud plans lead. */
    private static final int[] PRODUCT_WEIGHTS = {18, 14, 10, 5, 22, 16, 15};

    public enum Segment {
        CONSUMER(45, 1, 1, 100_000, 5000),
        SMB(30, 1, 5, 200_000, 400),
        MID_MARKET(17, 3, 15, 300_000, 120),
        ENTERPRISE(8, 10, 40, 400_000, 30);

        private final int weight;
        private final int minUnits;
        private final int maxUnits;
        private final int firstCustomerNumber;
        private final int customers;

        Segment(int weight, int minUnits, int maxUnits, int firstCustomerNumber, int customers) {
            this.weight = weight;
            this.minUnits = minUnits;
            this.maxUnits = maxUnits;
            this.firstCustomerNumber = firstCustomerNumber;
            this.customers = customers;
        }

        public int units(RandomGenerator random) {
            return minUnits + random.nextInt(maxUnits - minUnits + 1);
        }

        /** Customers of a segment keep their id across applications, so "who refunds most" has answers. */
        public String customer(RandomGenerator random) {
            // Squaring favours the first customers: a few customers account for many applications.
            double skewed = Math.pow(random.nextDouble(), 2);
            return "C-" + (firstCustomerNumber + (int) (skewed * customers));
        }

        /** Large customers call their account manager; consumers mostly use the app. */
        public double offlineShare() {
            return switch (this) {
                case CONSUMER -> 0.25;
                case SMB -> 0.35;
                case MID_MARKET -> 0.5;
                case ENTERPRISE -> 0.7;
            };
        }
    }

    private static final Map<RefundReasonCategory, Integer> GOODS_REASONS = Map.of(
            PRODUCT_QUALITY, 30, DAMAGED_IN_TRANSIT, 15, WRONG_ITEM, 12, NOT_AS_DESCRIBED, 14,
            PRICE_CHANGE, 8, DUPLICATE_CHARGE, 5, BUSINESS_CHANGE, 8, OTHER, 8);
    private static final Map<RefundReasonCategory, Integer> SERVICE_REASONS = Map.of(
            SERVICE_NOT_AS_EXPECTED, 25, TECHNICAL_PROBLEMS, 22, TOO_HARD_TO_USE, 14, BUSINESS_CHANGE, 18,
            PRICE_CHANGE, 8, DUPLICATE_CHARGE, 6, OTHER, 7);

    private static final Map<RefundReasonCategory, List<String>> REASON_TEXTS = Map.ofEntries(
            Map.entry(PRODUCT_QUALITY, List.of("屏幕有坏点", "开机后频繁死机", "电池续航明显不足", "Buttons stopped working after a week")),
            Map.entry(DAMAGED_IN_TRANSIT, List.of("外包装破损，机身有划痕", "收到时屏幕已碎", "Box crushed, device dented")),
            Map.entry(WRONG_ITEM, List.of("发错型号", "颜色与订单不符", "Received the S2 instead of the S3")),
            Map.entry(NOT_AS_DESCRIBED, List.of("实物与描述不符", "不支持宣传的蓝牙功能", "Does not read QR codes as advertised")),
            Map.entry(SERVICE_NOT_AS_EXPECTED, List.of("功能与销售介绍不符", "缺少所需的报表功能", "Support response far slower than promised")),
            Map.entry(TECHNICAL_PROBLEMS, List.of("系统经常卡顿", "数据同步失败", "Login fails several times a day")),
            Map.entry(TOO_HARD_TO_USE, List.of("操作太复杂，员工学不会", "界面不友好", "Team never adopted it")),
            Map.entry(BUSINESS_CHANGE, List.of("公司业务调整，不再需要", "门店关闭", "Merged with another company using a different CRM")),
            Map.entry(PRICE_CHANGE, List.of("购买后降价", "促销价格低于购买价", "Price dropped a week after purchase")),
            Map.entry(DUPLICATE_CHARGE, List.of("重复扣款", "同一订单被扣款两次", "Charged twice for the same order")),
            Map.entry(OTHER, List.of("个人原因", "其他原因", "Bought by mistake")));

    private static final List<String> CARRIERS = List.of("SF Express", "ZTO Express", "JD Logistics", "YTO Express");

    private Catalogue() {
    }

    public static Product product(RandomGenerator random) {
        return PRODUCTS.get(weightedIndex(PRODUCT_WEIGHTS, random));
    }

    public static Product goods(RandomGenerator random) {
        Product product;
        do {
            product = product(random);
        } while (!product.goods());
        return product;
    }

    public static Segment segment(RandomGenerator random) {
        Segment[] segments = Segment.values();
        int[] weights = new int[segments.length];
        for (int i = 0; i < segments.length; i++) {
            weights[i] = segments[i].weight;
        }
        return segments[weightedIndex(weights, random)];
    }

    public static RefundReasonCategory reason(Product product, RandomGenerator random) {
        Map<RefundReasonCategory, Integer> weights = product.service() ? SERVICE_REASONS : GOODS_REASONS;
        // Sorted, so the same seed draws the same reason whatever order the map iterates in.
        List<RefundReasonCategory> reasons = weights.keySet().stream().sorted().toList();
        int[] w = reasons.stream().mapToInt(weights::get).toArray();
        return reasons.get(weightedIndex(w, random));
    }

    public static String reasonText(RefundReasonCategory reason, RandomGenerator random) {
        return pick(REASON_TEXTS.get(reason), random);
    }

    public static PayoutMethod payoutMethod(String currency, RandomGenerator random) {
        if (!"CNY".equals(currency)) {
            return random.nextDouble() < 0.7 ? PayoutMethod.ORIGINAL_PAYMENT : PayoutMethod.BANK_TRANSFER;
        }
        double draw = random.nextDouble();
        return draw < 0.6 ? PayoutMethod.ORIGINAL_PAYMENT
                : draw < 0.75 ? PayoutMethod.ACCOUNT_BALANCE
                : draw < 0.9 ? PayoutMethod.THIRD_PARTY
                : PayoutMethod.BANK_TRANSFER;
    }

    public static String carrier(RandomGenerator random) {
        return pick(CARRIERS, random);
    }

    public static <T> T pick(List<T> values, RandomGenerator random) {
        return values.get(random.nextInt(values.size()));
    }

    static int weightedIndex(int[] weights, RandomGenerator random) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
