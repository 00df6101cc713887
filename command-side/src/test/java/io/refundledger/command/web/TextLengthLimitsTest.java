package io.refundledger.command.web;

import io.refundledger.infrastructure.errors.DomainException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TextLengthLimitsTest {

    record Contact(@MaxLength(5) String name, String phone) {
    }

    record Body(String customerId, @MaxLength(3) List<String> references, Contact contact, Integer count) {
    }

    static DomainException refusal(Object body) {
        return catchThrowableOfType(DomainException.class, () -> TextLengthLimits.check(body, "", MaxLength.DEFAULT));
    }

    @Test
    void namesTheNestedFieldAndItsRule() {
        DomainException refused = refusal(new Body("C-1", List.of(), new Contact("王小明王小明", null), 1));

        assertThat(refused.code()).isEqualTo("CONTACT_NAME_TOO_LONG");
        assertThat(refused.field()).isEqualTo("contact.name");
        assertThat(refused.getMessage()).isEqualTo("contact.name must not exceed 5 characters");
    }

    @Test
    void namesTheListItemByIndex() {
        DomainException refused = refusal(new Body("C-1", List.of("abc", "abcd"), null, null));

        assertThat(refused.code()).isEqualTo("REFERENCES_TOO_LONG");
        assertThat(refused.field()).isEqualTo("references[1]");
    }

    @Test
    void holdsFieldsWithoutTheirOwnLimitToTheDefault() {
        assertThat(refusal(new Body("C".repeat(MaxLength.DEFAULT + 1), null, null, null)).code())
                .isEqualTo("CUSTOMER_ID_TOO_LONG");
        assertThatCode(() -> TextLengthLimits.check(new Body("C".repeat(MaxLength.DEFAULT), null, null, 7), "",
                MaxLength.DEFAULT)).doesNotThrowAnyException();
    }

    @Test
    void countsCharactersNotBytesOrUtf16UnitsAndIgnoresSurroundingBlanks() {
        // Five characters outside the BMP are ten UTF-16 units; blanks around a value are trimmed by the domain too.
        assertThatCode(() -> TextLengthLimits.check(new Contact("  😀😀😀😀😀  ", null), "", MaxLength.DEFAULT))
                .doesNotThrowAnyException();
    }
}
