package dev.lambdalens.web;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The one time zone every page writes its times in ({@code zone}): the one the reader chose in the header, remembered
 * in a cookie that pages.js sets, and UTC until they choose. An unreadable cookie is UTC rather than an error.
 */
@ControllerAdvice(annotations = Controller.class)
class TimeZoneAdvice {

    /** The cookie that remembers the reader's choice, an IANA zone id such as {@code Asia/Tokyo}. */
    static final String COOKIE = "lambdalens-zone";

    /** Written as "UTC", which people and browsers read alike (not ZoneOffset.UTC's "Z"). */
    static final ZoneId UTC = ZoneId.of("UTC");

    @ModelAttribute("zone")
    String zone(@CookieValue(name = COOKIE, required = false) @Nullable String chosen) {
        return of(chosen).getId();
    }

    static ZoneId of(@Nullable String chosen) {
        if (chosen == null || chosen.isBlank() || chosen.length() > 64) {
            return UTC;
        }
        try {
            ZoneId zone = ZoneId.of(chosen.trim());
            return "Z".equals(zone.getId()) ? UTC : zone;
        }
        catch (DateTimeException ex) {
            return UTC;
        }
    }
}
