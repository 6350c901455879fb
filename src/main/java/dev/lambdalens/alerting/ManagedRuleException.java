package dev.lambdalens.alerting;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change by hand to a rule or silence kept elsewhere (a budget, a provisioning file): a conflict, answered 409.
 */
class ManagedRuleException extends ErrorResponseException {

    ManagedRuleException(String message) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message), null);
    }
}
