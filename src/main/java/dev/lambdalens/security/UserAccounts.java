package dev.lambdalens.security;

import java.time.Clock;
import java.util.List;

import dev.lambdalens.AuditableChange;
import dev.lambdalens.InvalidFieldException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The users who sign in with a password: stored with a strong hash, never in clear. The last enabled admin cannot be
 * removed or demoted, so that nobody locks everyone out.
 */
@Service
class UserAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = 12;

    /** bcrypt reads 72 bytes of a password and refuses more: say so rather than cut it silently or fail. */
    static final int MAX_PASSWORD_BYTES = 72;

    static final String PASSWORD_RULE = "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD_BYTES
            + " bytes: 12 to 72 plain letters, digits or symbols (accented letters count two bytes, most emoji four)";

    private final AppUserRepository users;

    private final PasswordEncoder passwords;

    private final ApplicationEventPublisher events;

    private final Clock clock;

    UserAccounts(AppUserRepository users, PasswordEncoder passwords, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        AppUser user = this.users.findByUsernameIgnoreCase(username)
            .filter((u) -> u.passwordHash() != null)
            .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return User.withUsername(user.username())
            .password(user.passwordHash())
            .authorities(user.role().authorities())
            .disabled(!user.enabled())
            .build();
    }

    @Transactional(readOnly = true)
    List<AppUser.UserView> all() {
        return this.users.findAllByOrderByUsernameAsc().stream().map(AppUser::view).toList();
    }

    @Transactional(readOnly = true)
    boolean any() {
        return this.users.count() > 0;
    }

    @Transactional
    AppUser.UserView create(String username, @Nullable String password, Role role) {
        String name = username.trim();
        if (!name.matches("[A-Za-z0-9._@+-]{1,100}")) {
            throw new InvalidFieldException("username", "use 1 to 100 letters, digits and . _ @ + -");
        }
        if (this.users.findByUsernameIgnoreCase(name).isPresent()) {
            throw new InvalidFieldException("username", "'" + name + "' is taken");
        }
        AppUser user = this.users.save(new AppUser(name, hash(password, true), role, this.clock.instant()));
        this.events.publishEvent(AuditableChange.created("user", String.valueOf(user.id()), user.view()));
        return user.view();
    }

    /** A user signing in through OpenID Connect for the first time gets the role configured for them. */
    @Transactional
    AppUser.UserView oidcUser(String username, Role role) {
        return this.users.findByUsernameIgnoreCase(username).map(AppUser::view).orElseGet(() -> {
            AppUser user = this.users.save(new AppUser(username, null, role, this.clock.instant()));
            this.events.publishEvent(AuditableChange.created("user", String.valueOf(user.id()), user.view()));
            return user.view();
        });
    }

    @Transactional
    AppUser.UserView change(long id, Role role, boolean enabled, @Nullable String password) {
        AppUser user = this.users.findById(id).orElseThrow(() -> new NotFoundException("No user " + id));
        AppUser.UserView before = user.view();
        if (user.role() == Role.ADMIN && user.enabled() && (role != Role.ADMIN || !enabled)
                && this.users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new InvalidFieldException("role", "this is the last enabled admin: make another admin first");
        }
        user.change(role, enabled, hash(password, false), this.clock.instant());
        this.events.publishEvent(AuditableChange.changed("user", String.valueOf(id), before, user.view()));
        return user.view();
    }

    @Transactional
    void delete(long id) {
        AppUser user = this.users.findById(id).orElseThrow(() -> new NotFoundException("No user " + id));
        if (user.role() == Role.ADMIN && user.enabled() && this.users.countByRoleAndEnabledTrue(Role.ADMIN) <= 1) {
            throw new InvalidFieldException("id", "this is the last enabled admin: make another admin first");
        }
        this.users.delete(user);
        this.events.publishEvent(AuditableChange.deleted("user", String.valueOf(id), user.view()));
    }

    private @Nullable String hash(@Nullable String password, boolean required) {
        if (password == null || password.isEmpty()) {
            if (required) {
                throw new InvalidFieldException("password", PASSWORD_RULE);
            }
            return null;
        }
        if (password.length() < MIN_PASSWORD
                || password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidFieldException("password", PASSWORD_RULE);
        }
        return this.passwords.encode(password);
    }
}
