package dev.lambdalens.metrics;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter that cannot be answered; becomes a 400 problem naming the parameter.
 */
public class InvalidParameterException extends ErrorResponseException {

    public InvalidParameterException(String parameter, String detail) {
        super(HttpStatus.BAD_REQUEST, problem(parameter, detail), null);
    }

    private static ProblemDetail problem(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request parameter");
        problem.setProperty("parameter", parameter);
        return problem;
    }
}
