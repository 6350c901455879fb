package dev.lambdalens.web;

import dev.lambdalens.ReaderZone;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The one time zone every page writes its times in ({@code zone}): the reader's {@link ReaderZone}.
 */
@ControllerAdvice(annotations = Controller.class)
class TimeZoneAdvice {

    @ModelAttribute("zone")
    String zone(@CookieValue(name = ReaderZone.COOKIE, required = false) @Nullable String chosen) {
        return ReaderZone.of(chosen).getId();
    }
}
