package dev.lambdalens.web;

import java.util.List;

import dev.lambdalens.inventory.FunctionSummary;
import dev.lambdalens.inventory.Inventory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Finds the one function a page or API call names by region and name, and by account where several accounts have
 * a function of that name.
 */
@Component
class FunctionLookup {

    private final Inventory inventory;

    FunctionLookup(Inventory inventory) {
        this.inventory = inventory;
    }

    FunctionSummary find(String region, String name, @Nullable String account) {
        List<FunctionSummary> candidates = this.inventory.functionsNamed(region, name)
            .stream()
            .filter((f) -> account == null || account.isBlank() || f.account().equals(account))
            .toList();
        if (candidates.isEmpty()) {
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No function " + name + " is known in " + region
                            + ((account != null && !account.isBlank()) ? " for account " + account : "")),
                    null);
        }
        if (candidates.size() > 1) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Several accounts have "
                    + name + " in " + region + " (" + String.join(", ", candidates.stream()
                        .map(FunctionSummary::account)
                        .toList()) + "): give the account parameter");
            problem.setProperty("parameter", "account");
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return candidates.get(0);
    }
}
