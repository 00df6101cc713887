package io.refundledger.infrastructure.web;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * The database cannot be reached right now (down, restarting, a replica set between primaries): a request that needs
 * it is answered {@code 503 DATABASE_UNAVAILABLE} with {@code Retry-After}, not a 500, since retrying it shortly is
 * exactly right and nothing was changed.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 1;
    public static final String CODE = "DATABASE_UNAVAILABLE";

    private DatabaseUnavailable() {
    }

    /** Whether {@code failure}, or anything that caused it, says the database is unreachable. */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoTimeoutException || t instanceof MongoSocketException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof Unavailable) {
                return true;
            }
        }
        return false;
    }

    /** Thrown where a step is refused because something it depends on could not be checked in the database. */
    public static final class Unavailable extends RuntimeException {

        public Unavailable(String message) {
            super(message);
        }
    }
}
