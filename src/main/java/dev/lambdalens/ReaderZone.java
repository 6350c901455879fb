package dev.lambdalens;

import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * The time zone a reader chose for every time LambdaLens shows them and every time they type into a form: an IANA
 * zone id remembered in the {@value #COOKIE} cookie (set by the header's choice in pages.js), UTC until they choose.
 * An unreadable cookie is UTC rather than an error. Pages show times in it and forms read typed times in it, so a
 * time typed reads the same as the times shown next to it.
 */
public final class ReaderZone {

    /** The cookie that remembers the reader's choice, an IANA zone id such as {@code Asia/Tokyo}. */
    public static final String COOKIE = "lambdalens-zone";

    /** Written as "UTC", which people and browsers read alike (not ZoneOffset.UTC's "Z"). */
    public static final ZoneId UTC = ZoneId.of("UTC");

    private ReaderZone() {
    }

    /** The zone of the reader making this request. */
    public static ZoneId of(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return of(cookie.getValue());
                }
            }
        }
        return UTC;
    }

    /** The zone a cookie's value names, UTC for none or anything unreadable. */
    public static ZoneId of(@Nullable String chosen) {
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
