package dev.lambdalens.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as a 400, request parameters whose list index no form writes: {@code thresholds[300].kind},
 * {@code channelIds[5000]}, {@code x[-1]}, {@code x[abc]}. Spring's binder would grow a list to that size or fail
 * with an index error (a 500); no form of LambdaLens has more than {@value #MAX_INDEX} rows.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class FormFieldGuard extends OncePerRequestFilter {

    static final int MAX_INDEX = 99;

    private static final Pattern INDEX = Pattern.compile("\\[([^\\]]*)\\]");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            if (name.indexOf('[') >= 0 && !acceptable(name)) {
                response.sendError(400, "The field " + name + " is not one of this form's: a list index is 0 to "
                        + MAX_INDEX + ".");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static boolean acceptable(String name) {
        Matcher index = INDEX.matcher(name);
        boolean any = false;
        while (index.find()) {
            any = true;
            String value = index.group(1);
            if (!value.matches("\\d{1,2}")) {
                return false;
            }
        }
        return any && name.indexOf('[', name.lastIndexOf(']') + 1) < 0;
    }
}
