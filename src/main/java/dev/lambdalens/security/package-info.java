/**
 * Security: deny by default. Users with roles (VIEWER reads, OPERATOR acknowledges and silences, ADMIN changes
 * everything else), API tokens for other tools, form and optional OpenID Connect login, login rate limiting, and the
 * audit log of every change.
 */
@NullMarked
package dev.lambdalens.security;

import org.jspecify.annotations.NullMarked;
