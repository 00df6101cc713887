package io.refundledger.command.notification;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.refundledger.events.common.Money;
import io.refundledger.events.refund.CustomerNotificationRequested;
import io.refundledger.events.refund.NotificationChannel;
import io.refundledger.events.refund.PayoutMethod;
import io.refundledger.events.refund.ProductUsage;
import io.refundledger.events.refund.RefundApplicationSubmitted;
import io.refundledger.events.refund.RefundReasonCategory;
import io.refundledger.events.refund.RefundType;
import io.refundledger.infrastructure.testing.TestMongo;

import java.time.Instant;

/** A fresh embedded database per caller, and refund events as the aggregate records them. */
final class NotificationTestSupport {

    private static MongoClient client;

    private NotificationTestSupport() {
    }

    static synchronized MongoDatabase freshDatabase() {
        if (client == null) {
            client = MongoClients.create(TestMongo.server().connectionString(""));
        }
        return client.getDatabase(new ConnectionString(TestMongo.freshDatabaseUri()).getDatabase());
    }

    static RefundApplicationSubmitted submitted(String applicationId, String applicationNumber, String customerId, Instant at) {
        return new RefundApplicationSubmitted(applicationId, applicationNumber, customerId, "SO-1", RefundType.REFUND_ONLY,
                Money.of("1299.00", "CNY"), Money.of("1200", "CNY"), RefundReasonCategory.PRODUCT_QUALITY, "屏幕有坏点",
                PayoutMethod.ORIGINAL_PAYMENT, Instant.parse("2026-11-01T08:30:00Z"), at, null, ProductUsage.NOT_STATED,
                null, null, null, null, null, null);
    }

    static CustomerNotificationRequested requested(String applicationId, String notificationId, String template,
                                                   String customerId, Instant at) {
        return new CustomerNotificationRequested(applicationId, notificationId, NotificationChannel.EMAIL, template, customerId, at);
    }
}
