package io.refundledger.infrastructure.eventstore;

import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 chain over commits: each commit's hash covers the previous commit's hash and every stored
 * field of its own events, so altering, deleting, inserting or reordering a commit breaks the chain.
 * Fields are hashed as the exact strings that are stored, each length-prefixed so no two different
 * commits can produce the same input.
 */
public final class CommitHasher {

    /** The "previous hash" of the very first commit. */
    public static final String GENESIS = "0".repeat(64);

    private CommitHasher() {
    }

    /** The fields of each stored event that the hash covers, in hashing order: every field an event has. */
    public static List<String> hashedEventFields() {
        return StoredEvent.HASHED_FIELDS;
    }

    public static String hash(String previousHash, long firstPosition, String committedAt, List<Document> events) {
        MessageDigest digest = sha256();
        feed(digest, previousHash);
        feed(digest, Long.toString(firstPosition));
        feed(digest, committedAt);
        for (Document event : events) {
            for (String field : StoredEvent.HASHED_FIELDS) {
                Object value = event.get(field);
                feed(digest, value == null ? "\u0000" : value.toString());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void feed(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
