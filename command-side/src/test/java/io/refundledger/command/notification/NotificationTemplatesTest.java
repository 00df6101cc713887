package io.refundledger.command.notification;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTest {

    private final NotificationTemplates templates = NotificationTemplates.fromClasspath();

    @Test
    void everyTemplateExistsInChineseAndEnglishAndMentionsTheApplicationNumber() {
        for (String name : NotificationTemplates.NAMES) {
            for (Locale locale : new Locale[]{NotificationTemplates.CHINESE, Locale.ENGLISH}) {
                var message = templates.render(name, locale, Map.of("applicationNumber", "RF-20261123-000042")).orElseThrow();
                assertThat(message.locale()).isEqualTo(locale);
                assertThat(message.subject()).as(name + " " + locale).contains("RF-20261123-000042");
                assertThat(message.body()).as(name + " " + locale).contains("RF-20261123-000042").doesNotContain("{{");
            }
        }
    }

    @Test
    void fillsInTheApplicationsFactsInTheCustomersLanguage() {
        var zh = templates.render("refund-rejected", Locale.forLanguageTag("zh-CN"),
                Map.of("applicationNumber", "RF-20261123-000042", "rejectionReason", "超过30天退款期限")).orElseThrow();
        var en = templates.render("refund-approved", Locale.forLanguageTag("en-GB"),
                Map.of("applicationNumber", "RF-20261123-000042", "approvedAmount", "1150.00 CNY")).orElseThrow();

        assertThat(zh.subject()).isEqualTo("您的退费申请 RF-20261123-000042 未通过审核");
        assertThat(zh.body()).contains("原因：超过30天退款期限");
        assertThat(en.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(en.body()).contains("approved for 1150.00 CNY");
    }

    @Test
    void anyChineseLocaleGetsTheChineseTextAndAnyOtherTheEnglish() {
        assertThat(templates.render("refund-paid", Locale.forLanguageTag("zh-TW"), Map.of()).orElseThrow().locale())
                .isEqualTo(NotificationTemplates.CHINESE);
        assertThat(templates.render("refund-paid", Locale.GERMAN, Map.of()).orElseThrow().locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void aValueTheApplicationDoesNotHaveShowsAsADashRatherThanAPlaceholder() {
        var message = templates.render("information-requested", Locale.ENGLISH, Map.of("applicationNumber", "RF-20261123-000042"))
                .orElseThrow();

        assertThat(message.body()).contains("we need the following:\n-\n");
    }

    @Test
    void anUnknownTemplateRendersNothing() {
        assertThat(templates.render("refund-exploded", Locale.ENGLISH, Map.of())).isEmpty();
    }
}
