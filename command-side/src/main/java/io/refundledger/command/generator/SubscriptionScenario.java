package io.refundledger.command.generator;

/** The courses a generated subscription takes, with relative weights. */
public enum SubscriptionScenario {
    /** Keeps running; renewed when its term ends within the period, sometimes with a seat change. */
    STAYS_ACTIVE(25),
    /** 退订 with immediate effect: settled at once (unused value, minus penalty and discounts). */
    CANCELLED_IMMEDIATELY(30),
    /** 退订 at the end of the term, with the contract's notice. */
    CANCELLED_AT_END_OF_TERM(25),
    /** Cancelled at the end of the term, then taken back before it took effect. */
    CANCELLATION_REVOKED(12),
    /** Asked for the end of a term too close to give notice: refused (and recorded), then cancelled at once. */
    NOTICE_REFUSED_THEN_IMMEDIATE(8);

    private final int weight;

    SubscriptionScenario(int weight) {
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }

    static SubscriptionScenario draw(java.util.random.RandomGenerator random) {
        SubscriptionScenario[] scenarios = values();
        int[] weights = new int[scenarios.length];
        for (int i = 0; i < scenarios.length; i++) {
            weights[i] = scenarios[i].weight;
        }
        return scenarios[Catalogue.weightedIndex(weights, random)];
    }
}
