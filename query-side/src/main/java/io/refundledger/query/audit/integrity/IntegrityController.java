package io.refundledger.query.audit.integrity;

import io.refundledger.infrastructure.audit.AggregateVerification;
import io.refundledger.infrastructure.audit.ChainVerification;
import io.refundledger.infrastructure.audit.DigestPublicKey;
import io.refundledger.infrastructure.audit.DigestVerification;
import io.refundledger.infrastructure.audit.HashChainVerifier;
import io.refundledger.infrastructure.audit.LogDigests;
import io.refundledger.infrastructure.audit.SignedDigest;
import io.refundledger.infrastructure.errors.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tamper evidence over HTTP: is the event log (or one application's part of it) untouched, and signed digests
 * of its head that an auditor keeps outside the system and checks later. The checks read the event store
 * itself, not a read model. Errors become problem documents in the shared advice.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit integrity", description = "Hash-chain verification of the event log and signed digests of its head")
public class IntegrityController {

    private final HashChainVerifier verifier;
    private final LogDigests digests;

    public IntegrityController(HashChainVerifier verifier, LogDigests digests) {
        this.verifier = verifier;
        this.digests = digests;
    }

    @Operation(summary = "Verify the whole event log",
            description = "Walks every commit from the first: each must recompute to its stored hash and chain to its "
                    + "predecessor, and no position may be missing. Reports the first broken link (ALTERED, BROKEN_CHAIN "
                    + "or GAP) with what was expected and what was found. The newest commits' deletion is only visible "
                    + "against a kept digest.")
    @ApiResponse(responseCode = "200", description = "The verification, intact or not")
    @GetMapping("/integrity")
    public ChainVerification verifyLog() {
        return verifier.verifyLog();
    }

    @Operation(summary = "Verify one aggregate's commits (e.g. one refund application)",
            description = "Follows the aggregate's events by sequence number; each of its commits must recompute, chain "
                    + "to the commit before it and be chained to by the commit after it.")
    @ApiResponse(responseCode = "200", description = "The verification, intact or not")
    @ApiResponse(responseCode = "404", description = "No event of this aggregate is stored (code AUDIT_AGGREGATE_NOT_FOUND)",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/integrity/aggregates/{aggregateId}")
    public AggregateVerification verifyAggregate(@Parameter(description = "The aggregate id, e.g. an application id")
                                                 @PathVariable String aggregateId) {
        AggregateVerification result = verifier.verifyAggregate(aggregateId);
        if (result.commitsChecked() == 0 && result.intact()) {
            throw DomainException.notFound("AUDIT_AGGREGATE_NOT_FOUND", "No event of " + aggregateId + " is stored.");
        }
        return result;
    }

    @Operation(summary = "Export a signed digest of the log's head",
            description = "Verifies the log, then signs its head position and hash with the system's Ed25519 key. Keep "
                    + "the digest outside the system; POST it to /api/audit/digests/verify later.")
    @ApiResponse(responseCode = "200", description = "The signed digest")
    @ApiResponse(responseCode = "409", description = "The log is not intact, so nothing is signed (code AUDIT_LOG_NOT_INTACT)",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/digests")
    public SignedDigest exportDigest() {
        return digests.current();
    }

    @Operation(summary = "Check a kept digest",
            description = "Valid when the signature is this system's and the history up to the digest's head is "
                    + "unchanged (nothing altered, inserted, reordered or removed, including the newest commits); "
                    + "also counts the commits appended since.")
    @ApiResponse(responseCode = "200", description = "The verification, valid or not")
    @ApiResponse(responseCode = "400", description = "A field of the digest is missing (code AUDIT_DIGEST_INCOMPLETE)",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/digests/verify")
    public DigestVerification verifyDigest(@RequestBody SignedDigest kept) {
        return digests.verify(kept);
    }

    @Operation(summary = "The public key that checks digests outside the system",
            description = "X.509 PEM of the Ed25519 key, its id, and how the signed bytes are built from a digest.")
    @GetMapping("/digests/public-key")
    public DigestPublicKey publicKey() {
        return digests.publicKey();
    }
}
