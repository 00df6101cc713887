package io.refundledger.query.rebuild;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.util.List;
import java.util.Optional;

/**
 * The token store as the live processors see it: a read-model processor working on generation k > 0 keeps its tokens
 * under {@code <name>@g<k>}, the rows its rebuild filled. So switching a generation needs no copying of tokens: the
 * live processor restarts and goes on from where the rebuild stopped. Names of other processors, and names that
 * already carry a generation (the rebuild processors'), are left as they are.
 */
public final class GenerationalTokenStore implements TokenStore {

    private final TokenStore tokens;
    private final ReadModelGenerations generations;

    public GenerationalTokenStore(TokenStore tokens, ReadModelGenerations generations) {
        this.tokens = tokens;
        this.generations = generations;
    }

    /** The store underneath, for the rebuild processors and administration. */
    public TokenStore unwrapped() {
        return tokens;
    }

    String rowName(String processorName) {
        if (processorName.contains(ReadModelGenerations.TOKEN_SEPARATOR) || !generations.owners().isOwner(processorName)) {
            return processorName;
        }
        return ReadModelGenerations.tokenName(processorName, generations.processing(processorName));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        tokens.initializeTokenSegments(rowName(processorName), segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        tokens.initializeTokenSegments(rowName(processorName), segmentCount, initialToken);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        tokens.storeToken(token, rowName(processorName), segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return tokens.fetchToken(rowName(processorName), segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return tokens.fetchToken(rowName(processorName), segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        tokens.extendClaim(rowName(processorName), segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.releaseClaim(rowName(processorName), segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        tokens.initializeSegment(token, rowName(processorName), segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        tokens.deleteToken(rowName(processorName), segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return tokens.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return tokens.fetchSegments(rowName(processorName));
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return tokens.fetchAvailableSegments(rowName(processorName));
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return tokens.retrieveStorageIdentifier();
    }
}
