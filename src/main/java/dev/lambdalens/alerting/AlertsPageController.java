package dev.lambdalens.alerting;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The alerts page: what is firing (and who acknowledged it), every other alert, and the rules.
 */
@Controller
class AlertsPageController {

    private final AlertBoard board;

    private final AlertRuleRepository rules;

    AlertsPageController(AlertBoard board, AlertRuleRepository rules) {
        this.board = board;
        this.rules = rules;
    }

    @GetMapping("/alerts")
    @Transactional(readOnly = true)
    String alerts(Model model) {
        model.addAttribute("alerts", this.board.all());
        model.addAttribute("rules", this.rules.findByDeletedAtIsNullOrderByIdAsc().stream().map(RuleResponse::of).toList());
        return "alerting/alerts";
    }
}
