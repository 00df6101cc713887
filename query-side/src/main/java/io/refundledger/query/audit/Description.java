package io.refundledger.query.audit;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an event means, in plain words, in both languages of the business. */
public record Description(@JsonProperty("zh-CN") String zhCN, @JsonProperty("en") String en) {
}
