package io.refundledger.command.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain-text message templates, one per template name and language, from
 * {@code classpath:notification-templates/<name>.<zh-CN|en>.txt}. The first line is {@code Subject: ...}, then a
 * blank line, then the body. Placeholders are {@code {{name}}}; a value the application does not have (yet) is
 * shown as {@value #MISSING} rather than failing, because a slightly less specific message beats none.
 *
 * <p>All templates are loaded and checked at start-up, so a missing or malformed file stops the application
 * instead of failing a customer's notification later.
 */
public final class NotificationTemplates {

    public static final List<String> NAMES = List.of(
            "refund-submitted", "refund-approved", "refund-rejected", "information-requested", "refund-paid");
    public static final Locale CHINESE = Locale.forLanguageTag("zh-CN");
    public static final Locale ENGLISH = Locale.ENGLISH;
    static final String MISSING = "-";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final String SUBJECT = "Subject:";

    private final Map<String, Template> templates;

    private NotificationTemplates(Map<String, Template> templates) {
        this.templates = Map.copyOf(templates);
    }

    public static NotificationTemplates fromClasspath() {
        Map<String, Template> templates = new HashMap<>();
        for (String name : NAMES) {
            for (Locale locale : List.of(CHINESE, ENGLISH)) {
                String resource = "notification-templates/" + name + "." + locale.toLanguageTag() + ".txt";
                templates.put(key(name, locale), parse(resource, read(resource)));
            }
        }
        return new NotificationTemplates(templates);
    }

    /**
     * Renders a template in the customer's language: Chinese for any Chinese locale, English otherwise.
     *
     * @return empty when there is no template of that name
     */
    public Optional<RenderedMessage> render(String name, Locale customerLocale, Map<String, String> values) {
        Locale locale = supported(customerLocale);
        Template template = templates.get(key(name, locale));
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(new RenderedMessage(locale, fill(template.subject(), values), fill(template.body(), values)));
    }

    static Locale supported(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? CHINESE : ENGLISH;
    }

    private static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null || value.isBlank() ? MISSING : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String key(String name, Locale locale) {
        return name + "." + locale.toLanguageTag();
    }

    private static String read(String resource) {
        try (InputStream in = NotificationTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("notification template missing: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template parse(String resource, String text) {
        String normalized = text.replace("\r\n", "\n");
        int firstLineEnd = normalized.indexOf('\n');
        if (!normalized.startsWith(SUBJECT) || firstLineEnd < 0) {
            throw new IllegalStateException(resource + " must start with a '" + SUBJECT + "' line");
        }
        String subject = normalized.substring(SUBJECT.length(), firstLineEnd).strip();
        String body = normalized.substring(firstLineEnd + 1).strip();
        if (subject.isEmpty() || body.isEmpty()) {
            throw new IllegalStateException(resource + " needs a subject and a body");
        }
        return new Template(subject, body + "\n");
    }

    private record Template(String subject, String body) {
    }

    /** A template filled in for one notification, in the language it was actually written in. */
    public record RenderedMessage(Locale locale, String subject, String body) {
    }
}
