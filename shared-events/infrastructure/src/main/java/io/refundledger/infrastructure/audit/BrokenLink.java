package io.refundledger.infrastructure.audit;

/**
 * The first place where the chain does not hold.
 *
 * @param position the global position at which the break shows: the first position of the commit that fails,
 *                 or the first missing position for a {@link BreakKind#GAP}
 * @param kind     what is wrong there
 * @param expected what an untouched log would hold there (a hash, or a field value)
 * @param found    what the log holds instead
 * @param detail   a sentence for the auditor
 */
public record BrokenLink(long position, BreakKind kind, String expected, String found, String detail) {
}
