package dev.lambdalens.notification;

import java.util.Map;

import dev.lambdalens.alerting.Severity;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The channels page: list, add (validated form), test and delete channels.
 */
@Controller
class ChannelPagesController {

    private final ChannelCatalog catalog;

    private final ChannelRepository channels;

    ChannelPagesController(ChannelCatalog catalog, ChannelRepository channels) {
        this.catalog = catalog;
        this.channels = channels;
    }

    @GetMapping("/channels")
    String channels(Model model) {
        model.addAttribute("channels", this.catalog.channels()
            .stream()
            .map(ChannelsApiController.ChannelResponse::of)
            .toList());
        if (!model.containsAttribute("channel")) {
            model.addAttribute("channel", new ChannelRequest("", ChannelType.WEBHOOK, "", null, Severity.WARNING, true));
        }
        model.addAttribute("types", ChannelType.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("timeZones", ChannelCatalog.TIME_ZONES);
        return "notification/channels";
    }

    @PostMapping("/channels")
    String create(@Valid @ModelAttribute("channel") ChannelRequest channel, BindingResult errors, Model model) {
        if (!errors.hasErrors()) {
            try {
                this.catalog.create(channel);
                return "redirect:/channels";
            }
            catch (ChannelException ex) {
                errors.rejectValue(ex.field(), "invalid", String.valueOf(ex.getMessage()));
            }
        }
        return channels(model);
    }

    @PostMapping("/channels/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        Channel channel = this.channels.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Map<String, Object> result = this.catalog.test(channel);
        redirect.addFlashAttribute("testResult", channel.name() + ": " + (Boolean.TRUE.equals(result.get("delivered"))
                ? "delivered (" + result.get("httpStatus") + ")" : "not delivered, " + result.getOrDefault("error",
                        "answered " + result.get("httpStatus"))));
        return "redirect:/channels";
    }

    /** Deletes the channel once confirmed; without {@code confirmed=true} it only asks. */
    @PostMapping("/channels/{id}/delete")
    String delete(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @org.jspecify.annotations.Nullable
            String confirmed, Model model) {
        Channel channel = this.channels.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (!dev.lambdalens.shared.Confirmation.given(confirmed)) {
            return new dev.lambdalens.shared.Confirmation("Delete channel", "Delete the channel " + channel.name() + "?",
                    "Rules that name it stop sending to it, and notifications not yet delivered to it are dropped. "
                            + "This cannot be undone.",
                    "Delete the channel", "/channels/" + id + "/delete", "/channels", "channels").ask(model);
        }
        this.catalog.delete(id);
        return "redirect:/channels";
    }
}
