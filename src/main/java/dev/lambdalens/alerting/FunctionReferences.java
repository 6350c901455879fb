package dev.lambdalens.alerting;

import dev.lambdalens.inventory.Inventory;

import org.springframework.stereotype.Component;

/**
 * Refuses a rule that watches one function the inventory does not have where it says to look (its account and region,
 * or anywhere): a mistyped name would be a rule that never alarms, silently. Where nothing has been discovered yet
 * there is nothing to judge by, and the rule is taken. A name pattern is not checked, since it is how a rule watches
 * functions yet to be deployed.
 */
@Component
class FunctionReferences {

    private final Inventory inventory;

    FunctionReferences(Inventory inventory) {
        this.inventory = inventory;
    }

    /** @throws InvalidRuleException naming {@code scopeValue} */
    void check(RuleDefinition rule) {
        if (rule.scope() != RuleScope.FUNCTION || rule.scopeValue() == null) {
            return;
        }
        String name = rule.scopeValue();
        java.util.List<dev.lambdalens.inventory.FunctionPlace> there = this.inventory.places()
            .stream()
            .filter((p) -> (rule.account() == null || p.account().equals(rule.account()))
                    && (rule.region() == null || p.region().equals(rule.region())))
            .toList();
        // where discovery has not run yet there is nothing to judge by: a rule written before the first discovery
        // (automation setting up a new account) is taken as it is
        boolean known = there.isEmpty() || there.stream().anyMatch((p) -> p.name().equals(name));
        int colon = name.indexOf(':');
        if (!known && colon > 0 && there.stream().anyMatch((p) -> p.name().equals(name.substring(0, colon)))) {
            // function names never contain a colon: this names an alias, version or mapping of one
            throw new InvalidRuleException("scopeValue", "a rule's scope names the function ('"
                    + name.substring(0, colon) + "'): a rule on a metric kept per alias, version or mapping watches "
                    + "each of them on its own");
        }
        if (!known) {
            String where = (rule.account() != null || rule.region() != null) ? " in "
                    + String.join(" / ", java.util.stream.Stream.of(rule.account(), rule.region())
                        .filter(java.util.Objects::nonNull)
                        .toList()) : "";
            throw new InvalidRuleException("scopeValue", "there is no function named '" + name + "'" + where
                    + ": choose one of the inventory's, or use a name pattern for a function not discovered yet");
        }
    }
}
