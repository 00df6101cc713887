package io.refundledger.infrastructure.audit;

/**
 * The answer to "is the history up to this kept digest unchanged?".
 *
 * @param valid                  the signature is ours and the history up to the kept head is unchanged
 * @param signatureValid         the digest was signed by this system's key and not changed since
 * @param historyUnchanged       the log up to {@code keptHeadPosition} verifies and still ends there with the kept hash
 * @param keptHeadPosition       the head position the digest names
 * @param keptHeadHash           the head hash the digest names
 * @param hashAtKeptPosition     the hash the log now holds at that position, or {@code null} if it holds none
 * @param currentHeadPosition    the last position of the log that verifies now
 * @param commitsAppendedSince   verified commits after the kept head
 * @param logIntact              the whole log verifies now (commits appended since included)
 * @param firstBrokenLink        where the chain first fails now, or {@code null}
 * @param conclusion             one sentence for the auditor
 */
public record DigestVerification(boolean valid, boolean signatureValid, boolean historyUnchanged, long keptHeadPosition,
                                 String keptHeadHash, String hashAtKeptPosition, long currentHeadPosition,
                                 long commitsAppendedSince, boolean logIntact, BrokenLink firstBrokenLink,
                                 String conclusion) {
}
