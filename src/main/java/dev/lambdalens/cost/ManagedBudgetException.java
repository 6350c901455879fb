package dev.lambdalens.cost;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change by hand to a budget that a provisioning file declares: a conflict, answered 409.
 */
class ManagedBudgetException extends ErrorResponseException {

    ManagedBudgetException(String message) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message), null);
    }
}
