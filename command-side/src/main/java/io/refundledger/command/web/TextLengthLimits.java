package io.refundledger.command.web;

import io.refundledger.infrastructure.errors.DomainException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Locale;

/**
 * Holds every text field of every request body to its {@link MaxLength}, before any controller (or application
 * number, or command) sees it. Request bodies are records of text, lists and nested records; this walks all of
 * them, so a field added later is limited too. A field too long is a 400 {@code <FIELD>_TOO_LONG} naming the field
 * ({@code contact.name}, {@code attachmentReferences[1]}), the same code the domain's own length checks use.
 */
@ControllerAdvice
public class TextLengthLimits extends RequestBodyAdviceAdapter {

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.isRecord();
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
                                Class<? extends HttpMessageConverter<?>> converterType) {
        check(body, "", MaxLength.DEFAULT);
        return body;
    }

    /** Throws for the first text in {@code value} longer than allowed; {@code path} names where it is. */
    public static void check(Object value, String path, int maxLength) {
        if (value instanceof String text) {
            String stripped = text.strip();
            if (stripped.codePointCount(0, stripped.length()) > maxLength) {
                throw DomainException.invalid(codeFor(path), path, path + " must not exceed " + maxLength + " characters");
            }
        } else if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                check(item, path + "[" + index++ + "]", maxLength);
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                MaxLength declared = component.getAnnotation(MaxLength.class);
                check(read(component, value), path.isEmpty() ? component.getName() : path + "." + component.getName(),
                        declared == null ? MaxLength.DEFAULT : declared.value());
            }
        }
    }

    /** {@code contact.name} → {@code CONTACT_NAME_TOO_LONG}; list indexes are left out. */
    static String codeFor(String path) {
        return path.replaceAll("\\[\\d+]", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_')
                .toUpperCase(Locale.ROOT) + "_TOO_LONG";
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a request body", e);
        }
    }
}
