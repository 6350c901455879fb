package dev.lambdalens.logs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes the secret shapes that end up in error logs (AWS keys, bearer tokens, JWTs, passwords in URLs and
 * key=value pairs) from a sample before it is stored: a sample is for recognising an error, not for replaying it.
 */
final class SecretRedaction {

    static final String REDACTED = "[redacted]";

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\b(AKIA|ASIA|AROA|AIDA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\beyJ[\\w-]+\\.eyJ[\\w-]+\\.[\\w-]+"),
            Pattern.compile("(?i)(?<=bearer )[\\w.~+/=-]{8,}"),
            Pattern.compile("(?i)(?<=(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|"
                    + "secret[_-]?access[_-]?key|authorization)[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?)[^\\s\"'&,;}]+"),
            Pattern.compile("(?<=://[^/\\s:@]{1,64}:)[^@\\s/]+(?=@)"),
            Pattern.compile("\\b(xox[abposr]-|ghp_|gho_|github_pat_|sk_live_|sk-)[\\w-]{10,}"));

    private SecretRedaction() {
    }

    static String redact(String text) {
        String result = text;
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result).replaceAll(REDACTED);
        }
        return result;
    }
}
