package io.refundledger.command.subscription;

import io.refundledger.events.common.Money;
import io.refundledger.events.subscription.ContractTerms;

import java.time.LocalDate;

import static io.refundledger.command.subscription.SubscriptionFixture.CUSTOMER;
import static io.refundledger.command.subscription.SubscriptionFixture.ID;
import static io.refundledger.command.subscription.SubscriptionFixture.PLAN;
import static io.refundledger.command.subscription.SubscriptionFixture.PRODUCT;
import static io.refundledger.command.subscription.SubscriptionFixture.SEATS;
import static io.refundledger.command.subscription.SubscriptionFixture.SEGMENT;
import static io.refundledger.command.subscription.SubscriptionFixture.TERMS;
import static io.refundledger.command.subscription.SubscriptionFixture.TERM_END;
import static io.refundledger.command.subscription.SubscriptionFixture.TERM_START;
import static io.refundledger.command.subscription.SubscriptionFixture.cny;

/** A valid start of the fixture's subscription; tests change one value to see a rule at work. */
final class SampleSubscription {

    String subscriptionId = ID;
    String customerId = CUSTOMER;
    String customerSegment = SEGMENT;
    String planCode = PLAN;
    String productId = PRODUCT;
    int seats = SEATS;
    LocalDate termStart = TERM_START;
    LocalDate termEnd = TERM_END;
    Money prepaidAmount = cny("1200.00");
    Money termDiscount = cny("200.00");
    ContractTerms terms = TERMS;
    boolean autoRenewal = true;
    SubscriptionContact contact = new SubscriptionContact("王小明", "xiaoming.wang@example.com", "+86 138 0000 0000");

    static SampleSubscription aSubscription() {
        return new SampleSubscription();
    }

    StartSubscription command() {
        return new StartSubscription(subscriptionId, customerId, customerSegment, planCode, productId, seats, termStart,
                termEnd, prepaidAmount, termDiscount, terms, autoRenewal, contact);
    }
}
