package io.refundledger.query.common;

import io.refundledger.infrastructure.testing.MutableClock;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The token store's side of carried batches: while a segment carries a batch, a unit of work stores no token and extends
 * the claim only every so often; outside a unit of work (idle) the batch is written before the token; a released claim
 * drops it.
 */
class CarriedBatchesTest {

    private static final String PROCESSOR = "refund-progress";
    private static final CarriedBatches.Owner OWNER = new CarriedBatches.Owner(PROCESSOR, 1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final TokenStore underneath = mock(TokenStore.class);
    private final AtomicBoolean heapShort = new AtomicBoolean();
    private final CarriedBatches carried = new CarriedBatches(1_000, 100, () -> 1_000_000, null, clock, Duration.ofSeconds(2),
            heapShort::get);
    private final TokenStore tokens = carried.around(underneath);

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    /** What a work package does after the handlers of a unit of work: store its token, inside the unit of work. */
    private void storeInUnitOfWork(TrackingToken token) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> tokens.storeToken(token, PROCESSOR, 1));
    }

    private ReadModelBatch carryOne(long lastPosition) {
        ReadModelBatch batch = ReadModelBatch.current();
        assertThat(carried.carry(OWNER, batch, 10, lastPosition - 9, lastPosition)).isTrue();
        return batch;
    }

    @Test
    void aUnitOfWorkThatCarriesItsBatchStoresNoTokenAndExtendsTheClaimOnlyEverySoOften() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        verify(underneath, never()).storeToken(any(), anyString(), anyInt());
        verify(underneath, times(1)).extendClaim(PROCESSOR, 1);

        carried.resume(OWNER, 11).orElseThrow();
        carryOne(20);
        clock.advance(Duration.ofMillis(1_999));
        storeInUnitOfWork(at(20));
        verify(underneath, times(1)).extendClaim(PROCESSOR, 1);

        carried.resume(OWNER, 21).orElseThrow();
        carryOne(30);
        clock.advance(Duration.ofMillis(1));
        storeInUnitOfWork(at(30));
        verify(underneath, times(2)).extendClaim(PROCESSOR, 1);
        verify(underneath, never()).storeToken(any(), anyString(), anyInt());
    }

    @Test
    void whileTheHeapIsShortNothingIsCarriedAndWhatWasCarriedIsWrittenWithTheNextUnitOfWork() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        heapShort.set(true);

        ReadModelBatch carriedBatch = carried.resume(OWNER, 11).orElseThrow();
        assertThat(carried.carry(OWNER, carriedBatch, 10, 11, 20)).as("written now").isFalse();
        storeInUnitOfWork(at(20));
        verify(underneath).storeToken(at(20), PROCESSOR, 1);
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();

        heapShort.set(false);
        assertThat(carried.carry(OWNER, ReadModelBatch.current(), 10, 21, 30)).as("carried again once memory is back").isTrue();
    }

    @Test
    void aSegmentCarryingABatchCountsAsHavingWrittenOnlyWhatCameBeforeIt() {
        assertThat(carried.writtenUpTo(PROCESSOR, 1)).isEmpty();
        carryOne(10);
        carried.resume(OWNER, 11).orElseThrow();
        carryOne(20);

        assertThat(carried.writtenUpTo(PROCESSOR, 1)).hasValue(0);
    }

    @Test
    void theUnitOfWorkThatWritesTheBatchStoresItsToken() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        carried.resume(OWNER, 11).orElseThrow(); // and this unit of work writes it: nothing is carried any more

        storeInUnitOfWork(at(20));

        verify(underneath).storeToken(at(20), PROCESSOR, 1);
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
    }

    @Test
    void passingOverOtherSegmentsEventsBetweenTwoOfItsOwnWritesNothing() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        clearInvocations(underneath);
        clock.advance(Duration.ofMillis(1_999));

        // Outside a unit of work, as a work package does when a batch held none of its segment's events.
        tokens.storeToken(at(14), PROCESSOR, 1);
        tokens.extendClaim(PROCESSOR, 1);

        verify(underneath, never()).storeToken(any(), anyString(), anyInt());
        assertThat(carried.carries(PROCESSOR, 1)).isTrue();
        carried.resume(OWNER, 15).orElseThrow();
        storeInUnitOfWork(at(20)); // this unit of work writes the batch
        verify(underneath).storeToken(at(20), PROCESSOR, 1);
    }

    @Test
    void anIdleSegmentWritesWhatItCarriesThenStoresTheTokenItHeldBack() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        clearInvocations(underneath);
        clock.advance(Duration.ofSeconds(2)); // no unit of work since

        tokens.extendClaim(PROCESSOR, 1); // outside a unit of work, as Axon does for an idle segment

        verify(underneath).storeToken(at(10), PROCESSOR, 1);
        verify(underneath, never()).extendClaim(anyString(), anyInt());
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
    }

    @Test
    void anIdleTokenStoreOutsideAUnitOfWorkWritesTheBatchFirst() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        clearInvocations(underneath);
        clock.advance(Duration.ofSeconds(2));

        tokens.storeToken(at(15), PROCESSOR, 1); // events 11-15 were none of this segment's

        verify(underneath).storeToken(at(15), PROCESSOR, 1);
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
    }

    @Test
    void aReleasedOrNewClaimDropsWhatWasCarried() {
        carryOne(10);
        tokens.releaseClaim(PROCESSOR, 1);
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();

        carryOne(10);
        tokens.fetchToken(PROCESSOR, 1);
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
        assertThat(carried.resume(OWNER, 11)).isEmpty();
    }

    @Test
    void aUnitOfWorkStartingAtOrBeforeWhatIsCarriedStartsAfresh() {
        carryOne(10);
        assertThat(carried.resume(OWNER, 10)).as("delivered again").isEmpty();
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
    }

    @Test
    void aBatchNearTheHeadOrHoldingTheMostEventsItMayIsWrittenAtOnce() {
        assertThat(carried.carry(OWNER, ReadModelBatch.current(), 10, 999_941, 999_950)).as("near the head").isFalse();
        assertThat(carried.carry(OWNER, ReadModelBatch.current(), 1_000, 1, 10)).as("full").isFalse();
        assertThat(carried.carries(PROCESSOR, 1)).isFalse();
    }

    @Test
    void otherSegmentsAndProcessorsPassStraightThrough() {
        carryOne(10);
        storeInUnitOfWork(at(10));
        tokens.storeToken(at(7), PROCESSOR, 2);
        tokens.storeToken(at(7), "audit-history", 1);

        var order = inOrder(underneath);
        order.verify(underneath).storeToken(at(7), PROCESSOR, 2);
        order.verify(underneath).storeToken(at(7), "audit-history", 1);
        assertThat(carried.carries(PROCESSOR, 1)).isTrue();
        assertThat(CarriedBatches.unwrap(tokens)).isSameAs(underneath);
        assertThat(List.of(carried.carriesAny(PROCESSOR), carried.carriesAny("audit-history"))).containsExactly(true, false);
    }

    @Test
    void aClaimOfAnyGenerationOfAProcessorRunsWhatItAskedForOnClaimAndNothingElse() {
        AtomicInteger financeClaims = new AtomicInteger();
        carried.onClaim("finance-reports", financeClaims::incrementAndGet);

        tokens.fetchToken("finance-reports", 0);
        tokens.fetchToken("finance-reports@g2", Segment.ROOT_SEGMENT);
        tokens.fetchToken(PROCESSOR, 1);
        assertThat(financeClaims).hasValue(2);

        when(underneath.fetchToken("finance-reports", 0)).thenThrow(new UnableToClaimTokenException("held elsewhere"));
        assertThatThrownBy(() -> tokens.fetchToken("finance-reports", 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(financeClaims).as("no claim, nothing to check").hasValue(2);
    }
}
