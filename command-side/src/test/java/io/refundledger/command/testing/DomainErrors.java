package io.refundledger.command.testing;

import io.refundledger.infrastructure.errors.DomainException;
import io.refundledger.infrastructure.errors.ErrorKind;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on the stable parts of a domain error: code, kind and field (never the message). */
public final class DomainErrors {

    private DomainErrors() {
    }

    public static void assertRefused(ThrowingCallable call, String code, ErrorKind kind, String field) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).as("code").isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(e.kind()).as("kind of " + code).isEqualTo(kind);
                    org.assertj.core.api.Assertions.assertThat(e.field()).as("field of " + code).isEqualTo(field);
                });
    }

    /** For Axon's test fixture, which takes Hamcrest matchers. */
    public static Matcher<DomainException> domainError(String code, ErrorKind kind, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException e) {
                return e.code().equals(code) && e.kind() == kind && Objects.equals(e.field(), field);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("DomainException " + code + " (" + kind + ", field " + field + ")");
            }

            @Override
            protected void describeMismatchSafely(DomainException e, Description description) {
                description.appendText("was " + e.code() + " (" + e.kind() + ", field " + e.field() + ")");
            }
        };
    }
}
