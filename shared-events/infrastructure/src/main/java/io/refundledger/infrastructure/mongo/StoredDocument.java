package io.refundledger.infrastructure.mongo;

/**
 * A document as the embedded server keeps it in H2's pages: its BSON, decoded each time it is read
 * ({@link FastReplaceH2Collection}). A page of decoded documents is thousands of maps, strings and numbers that live
 * as long as the page stays in H2's cache; while a read side caught up, copying them between generations made the
 * server's young-generation pauses long, and every commit encoded every document of each page it wrote again. One
 * array per document is neither, and a page is written by copying it.
 */
record StoredDocument(byte[] bson) {
}
