package dev.lambdalens.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Something asked for by id that does not exist: a 404. */
class NotFoundException extends ErrorResponseException {

    NotFoundException(String message) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, message), null);
    }
}
