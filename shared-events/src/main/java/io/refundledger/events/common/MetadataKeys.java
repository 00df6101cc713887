package io.refundledger.events.common;

/**
 * Keys every event carries in its metadata, the same across aggregates, so an auditor can always tell who
 * did what, through which request and under which policy.
 */
public final class MetadataKeys {

    /** The authenticated user who caused the event (never taken from a request body). */
    public static final String ACTOR = "actor";
    /** That user's roles at the time, comma-separated, e.g. {@code REVIEWER}. */
    public static final String ACTOR_ROLES = "actorRoles";
    /** The HTTP request (or job run) the event came from. */
    public static final String REQUEST_ID = "requestId";
    /** Where the request came from: {@code http}, {@code scheduler}, {@code process-manager}. */
    public static final String CHANNEL = "channel";
    /**
     * How the customer reached us: {@code ONLINE} (self-service, app, web) or {@code OFFLINE} (phone, counter), from
     * the {@code X-Customer-Channel} request header; absent when the caller did not say.
     */
    public static final String CUSTOMER_CHANNEL = "customerChannel";
    /** The client's Idempotency-Key, when the request carried one. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** The version of the refund policy that applied. */
    public static final String POLICY_VERSION = "policyVersion";

    private MetadataKeys() {
    }
}
