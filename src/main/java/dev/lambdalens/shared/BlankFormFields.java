package dev.lambdalens.shared;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A form field left empty is a value not given, not an empty string: an optional field ("Only account", placeholder
 * "any") left blank must not be refused as "must be a 12-digit account id". Text is trimmed too. Only for forms bound
 * to an object (the pages), never for API bodies, which are JSON.
 */
@ControllerAdvice(annotations = Controller.class)
class BlankFormFields {

    @InitBinder
    void blanksAreNotGiven(WebDataBinder binder) {
        if (binder.getTarget() != null || binder.getTargetType() != null) {
            binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
        }
    }
}
