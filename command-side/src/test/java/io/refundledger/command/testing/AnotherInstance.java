package io.refundledger.command.testing;

import com.mongodb.client.MongoDatabase;
import io.refundledger.command.common.CommandMetadata;
import io.refundledger.infrastructure.eventstore.MongoCommitLogStorageEngine;
import io.refundledger.infrastructure.serialization.LedgerSerializers;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A second command-side instance on the same database, which commits its own event for an aggregate at the
 * worst moment for this one: after this instance loaded the aggregate and decided, before it stored the
 * decision. That is the race the event store's optimistic concurrency exists for.
 */
public final class AnotherInstance {

    private final MongoCommitLogStorageEngine engine;

    public AnotherInstance(MongoDatabase database) {
        this.engine = MongoCommitLogStorageEngine.builder()
                .database(database)
                .eventSerializer(LedgerSerializers.storageSerializer())
                .snapshotSerializer(LedgerSerializers.storageSerializer())
                .build();
    }

    /**
     * While the command with the given request id is handled, commits {@code theirEvent} first. Interceptors
     * run before the handler, so this prepare-commit step is registered, and runs, before the one that
     * stores this instance's events.
     */
    public Registration commitFirstDuring(CommandBus commandBus, String requestId, DomainEventMessage<?> theirEvent) {
        return commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (requestId.equals(unitOfWork.getMessage().getMetaData().get(CommandMetadata.REQUEST_ID))) {
                unitOfWork.onPrepareCommit(u -> engine.appendEvents(theirEvent));
            }
            return chain.proceed();
        });
    }
}
