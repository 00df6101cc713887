package io.refundledger.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The most characters (code points, surrounding blanks not counted) a text field of a request body may hold, checked
 * by {@link TextLengthLimits} before the body reaches a controller. A text field without it may hold
 * {@link #DEFAULT} characters: enough for any id, code, date or amount. Free text declares the domain's own limit,
 * so the early refusal says exactly what the domain would have said.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface MaxLength {

    /** Ids, codes, enum names, dates and amounts. */
    int DEFAULT = 64;

    int value();
}
