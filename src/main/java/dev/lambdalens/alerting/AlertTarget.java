package dev.lambdalens.alerting;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What one alert of a rule is about: a function, or a whole account and region when {@code function} is empty. A
 * metric kept per alias, version or event source mapping is watched per qualifier, as the store keeps it:
 * {@code function} is then {@code name:qualifier} (function names never contain a colon), and whatever needs the
 * function itself (its page, its inventory entry, a silence on it) reads {@link #functionName()}.
 */
public record AlertTarget(String account, String region, String function) {

    /**
     * A function's name (Lambda's letters, digits, hyphens and underscores), a colon, and an alias, version or
     * mapping UUID: what a budget's label or a channel's name reported into the same place ("Q4: payments") is not.
     */
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_$.:-]{1,128}");

    /** A mapping's UUID, as Lambda writes it. */
    private static final Pattern UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The target of one alias, version or mapping ({@code qualifier}) of a function. */
    public static AlertTarget qualified(String account, String region, String functionName, String qualifier) {
        return new AlertTarget(account, region, functionName + ":" + qualifier);
    }

    public boolean accountLevel() {
        return this.function.isEmpty();
    }

    /** The function, without its qualifier; empty at the account level. */
    public String functionName() {
        return qualified() ? this.function.substring(0, this.function.indexOf(':')) : this.function;
    }

    /** The alias, version or mapping UUID watched, or {@code null} where the whole function (or account) is. */
    public @Nullable String qualifier() {
        return qualified() ? this.function.substring(this.function.indexOf(':') + 1) : null;
    }

    private boolean qualified() {
        return this.function.indexOf(':') > 0 && QUALIFIED.matcher(this.function).matches();
    }

    /** The function, or its alias, version or mapping, as a reader names it: "checkout-api · alias live". */
    public String label() {
        return label(functionName(), qualifier());
    }

    /** A function and its alias, version or mapping ({@code qualifier}, if any) in words. */
    public static String label(String functionName, @Nullable String qualifier) {
        return (qualifier == null) ? functionName : functionName + " · " + qualifierWords(qualifier);
    }

    /**
     * A qualifier in words: a mapping's UUID (shortened to its first group), a version (digits, {@code $LATEST}, or
     * {@code alias:version} as executed behind an alias), else an alias. Lambda's alias names are never all digits,
     * so the qualifier alone says which it is, in every module that shows one.
     */
    public static String qualifierWords(String qualifier) {
        if (UUID.matcher(qualifier).matches()) {
            return "mapping " + qualifier.substring(0, 8) + "…";
        }
        int colon = qualifier.indexOf(':');
        if (colon >= 0) {
            return "version " + qualifier.substring(colon + 1) + " behind alias " + qualifier.substring(0, colon);
        }
        boolean version = qualifier.startsWith("$") || qualifier.chars().allMatch(Character::isDigit);
        return (version ? "version " : "alias ") + qualifier;
    }

    /** A LIKE pattern (escape character: backslash) for the targets of the function's aliases, versions, mappings. */
    static String qualifiedLike(String functionName) {
        return likeLiteral(functionName) + ":%";
    }

    /** The text as a LIKE pattern matching it literally (escape character: backslash). */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public String toString() {
        return this.account + "/" + this.region + (accountLevel() ? "" : "/" + this.function);
    }
}
