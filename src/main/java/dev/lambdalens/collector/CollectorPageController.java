package dev.lambdalens.collector;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The collector status page: per account and region, last success, last error, samples stored and lag.
 */
@Controller
class CollectorPageController {

    private final CollectorStatus status;

    CollectorPageController(CollectorStatus status) {
        this.status = status;
    }

    @GetMapping("/collector")
    String status(Model model) {
        model.addAttribute("source", this.status.source().name().toLowerCase(java.util.Locale.ROOT));
        model.addAttribute("interval", CollectorProperties.readable(this.status.interval()));
        model.addAttribute("trailingWindow", CollectorProperties.readable(this.status.trailingWindow()));
        List<RegionStatus> regions = this.status.regions();
        model.addAttribute("regions", regions);
        model.addAttribute("units", this.status.units());
        model.addAttribute("sourceError", this.status.sourceError());
        model.addAttribute("monthlyCost", this.status.estimatedMonthlyCostUsd(regions));
        model.addAttribute("functionInterval", CollectorProperties.readable(this.status.functionInterval()));
        model.addAttribute("idleFunctionInterval", CollectorProperties.readable(this.status.idleFunctionInterval()));
        return "collector/status";
    }
}
