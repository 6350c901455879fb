package dev.lambdalens.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever the servlet container reports as an error (a 403 from security, a 404, a failure outside any controller):
 * a page answers with an HTML page in the layout, whatever the client accepts, and the API with a problem. Called
 * directly, with nothing to report, it is a page that does not exist. Replaces Spring Boot's error controller, which
 * chooses by {@code Accept} and answers a direct call with the made-up status 999.
 */
@Controller
class ErrorPages implements ErrorController {

    private final JsonMapper json;

    ErrorPages(JsonMapper json) {
        this.json = json;
    }

    @RequestMapping("/error")
    @Nullable ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                && code < 600) ? code : 404;
        String path = (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? uri
                : request.getRequestURI();
        HttpStatus known = HttpStatus.resolve(status);
        String reason = (known != null) ? known.getReasonPhrase() : "Error";
        if (api(path.substring(Math.min(path.length(), request.getContextPath().length())))) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusCode(status), detail(status));
            problem.setTitle(reason);
            response.setStatus(status);
            response.setContentType("application/problem+json");
            response.getWriter().write(this.json.writeValueAsString(problem));
            return null;
        }
        String view = switch (status) {
            case 403 -> "error/403";
            case 404 -> "error/404";
            default -> (status < 500) ? "error/4xx" : "error/5xx";
        };
        ModelAndView page = new ModelAndView(view, Map.of("status", status, "error", reason));
        page.setStatus(statusCode(status));
        return page;
    }

    static boolean api(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs");
    }

    private static org.springframework.http.HttpStatusCode statusCode(int status) {
        return org.springframework.http.HttpStatusCode.valueOf(status);
    }

    private static String detail(int status) {
        return switch (status) {
            case 401 -> "Sign in, or send Authorization: Bearer <token>.";
            case 403 -> "Your role does not allow this.";
            case 404 -> "There is nothing here.";
            default -> (status < 500) ? "This request cannot be answered as it stands."
                    : "LambdaLens could not answer this request; the server log has the details.";
        };
    }
}
