package dev.lambdalens.provisioning;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The provisioning page: each file's last outcome (a refused file with its line, field and reason), the objects each
 * file declares (read-only everywhere else), and the export.
 */
@Controller
class ProvisioningPageController {

    private final Provisioning provisioning;

    private final ProvisioningProperties properties;

    ProvisioningPageController(Provisioning provisioning, ProvisioningProperties properties) {
        this.provisioning = provisioning;
        this.properties = properties;
    }

    @GetMapping("/provisioning")
    String page(Model model) {
        model.addAttribute("enabled", this.provisioning.enabled());
        model.addAttribute("path", String.valueOf(this.properties.path()));
        model.addAttribute("interval", this.properties.interval().toString().substring(2).toLowerCase());
        model.addAttribute("files", this.provisioning.status());
        model.addAttribute("declared", this.provisioning.declared());
        return "provisioning/status";
    }
}
