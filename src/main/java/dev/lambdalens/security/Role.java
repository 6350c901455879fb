package dev.lambdalens.security;

import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user or token may do; each role includes the ones below it.
 */
public enum Role {

    /** Reads every page and API answer. */
    VIEWER,
    /** Also acknowledges alerts and silences them. */
    OPERATOR,
    /** Also changes rules, channels, budgets, users, tokens and settings. */
    ADMIN;

    /** The authorities of this role and of every role it includes. */
    List<GrantedAuthority> authorities() {
        return java.util.Arrays.stream(values())
            .filter((r) -> r.ordinal() <= ordinal())
            .map((r) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
            .toList();
    }
}
