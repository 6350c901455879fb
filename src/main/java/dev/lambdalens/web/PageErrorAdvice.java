package dev.lambdalens.web;

import java.util.Map;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Client errors of a page that no form can show next to a field: a field name that does not exist on the form
 * ({@code name[3]} for a plain text field) is a 400 page, not a server error. Ordered after {@link ApiErrorAdvice},
 * which answers everything of the API.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

    /** A page's own refusal (a 404, or a 400 saying what is wrong): its reason is ours to show, never internal. */
    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView refused(ResponseStatusException ex) {
        int status = ex.getStatusCode().value();
        String view = (status == 404) ? "error/404" : (status < 500) ? "error/4xx" : "error/5xx";
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> model = new java.util.HashMap<>(Map.of("status", status, "error",
                (known != null) ? known.getReasonPhrase() : "Error"));
        if (status < 500 && ex.getReason() != null) {
            model.put("reason", ex.getReason());
        }
        ModelAndView page = new ModelAndView(view, model);
        page.setStatus(ex.getStatusCode());
        return page;
    }

    @ExceptionHandler(InvalidPropertyException.class)
    ModelAndView notAField(InvalidPropertyException ex) {
        ModelAndView page = new ModelAndView("error/4xx", Map.of("status", 400, "error", "Bad Request", "reason",
                "The form sent a field it does not have: " + ex.getPropertyName()));
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }
}
