package io.refundledger.infrastructure.web;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Reports DOWN when the event store's database does not answer a ping. */
public class MongoHealthIndicator implements HealthIndicator {

    private final MongoDatabase database;

    public MongoHealthIndicator(MongoDatabase database) {
        this.database = database;
    }

    @Override
    public Health health() {
        try {
            database.runCommand(new Document("ping", 1));
            return Health.up().withDetail("database", database.getName()).build();
        } catch (RuntimeException e) {
            return Health.down(e).withDetail("database", database.getName()).build();
        }
    }
}
