package dev.lambdalens.shared;

import org.springframework.ui.Model;

/**
 * The question a page asks before it destroys something (a rule, a channel, a user, a token): the same form posted
 * again with {@code confirmed=true}. It is a page with a real form, not a script's {@code confirm()}, so it also asks
 * without JavaScript, and a delete that arrives without the confirmation only asks.
 *
 * @param section the navigation entry the page belongs to
 * @param action where the confirmed form posts (the delete itself)
 * @param cancel where "Cancel" leads back to
 */
public record Confirmation(String title, String question, String consequence, String button, String action,
        String cancel, String section) {

    /** The view showing the question. */
    public static final String VIEW = "confirm";

    /** Puts the question on the model and names the view that asks it. */
    public String ask(Model model) {
        model.addAttribute("confirm", this);
        return VIEW;
    }

    /** Whether the request carries the confirmation ({@code confirmed=true}). */
    public static boolean given(@org.jspecify.annotations.Nullable String confirmed) {
        return "true".equals(confirmed);
    }
}
