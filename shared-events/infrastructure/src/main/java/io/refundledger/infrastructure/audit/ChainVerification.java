package io.refundledger.infrastructure.audit;

/**
 * The answer to "is the whole commit log untouched?".
 *
 * @param intact          every commit recomputes and chains to its predecessor, and no position is missing
 * @param commitsChecked  commits that verified before the walk ended (or stopped at the break)
 * @param headPosition    the last position of the verified prefix: the head of the log when intact; 0 for an empty log
 * @param headHash        the hash of the commit ending at {@code headPosition} (the genesis hash for an empty log)
 * @param firstBrokenLink where the chain first fails, or {@code null} when intact
 */
public record ChainVerification(boolean intact, long commitsChecked, long headPosition, String headHash,
                                BrokenLink firstBrokenLink) {
}
