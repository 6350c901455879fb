package dev.lambdalens.alerting;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /alerts/rules/preview}: the rule form's fields, as the form would send them, answered with what the rule
 * would have done over the last day (see {@link RulePreview}); a field that cannot be read yet is a note, not an
 * error, since the form is still being filled in.
 */
@RestController
class RulePreviewController {

    private final RulePreview preview;

    RulePreviewController(RulePreview preview) {
        this.preview = preview;
    }

    @GetMapping("/alerts/rules/preview")
    RulePreview.View preview(@ModelAttribute("rule") @Nullable RuleRequest rule, BindingResult errors) {
        if (rule == null || errors.hasErrors()) {
            var field = errors.getFieldError();
            return RulePreview.View.note("No preview until " + ((field != null) ? "the " + words(field.getField())
                    : "every field") + " can be read.");
        }
        return this.preview.of(rule);
    }

    private static String words(String field) {
        return field.replaceAll("\\[.*", "").replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
    }
}
