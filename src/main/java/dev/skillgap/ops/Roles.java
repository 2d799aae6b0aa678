package dev.skillgap.ops;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles of this instance, {@code skillgap.roles} (SKILLGAP_ROLES): a comma-separated list of api, ingest, llm;
 * empty or absent means all three. An unknown name fails the start with a message naming the setting.
 */
public record Roles(Set<Role> held) {

    public static final String SETTING = "skillgap.roles";

    public Roles {
        held = held.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(held);
    }

    public static Roles all() {
        return new Roles(EnumSet.allOf(Role.class));
    }

    public static Roles of(String setting) {
        if (setting == null || setting.isBlank()) {
            return all();
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : setting.split(",")) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                continue;
            }
            roles.add(Arrays.stream(Role.values()).filter(r -> r.setting().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(SETTING + " (SKILLGAP_ROLES) is '" + setting
                            + "': '" + name.trim() + "' is not a role; expected a comma-separated list of "
                            + Arrays.stream(Role.values()).map(Role::setting).collect(Collectors.joining(", "))
                            + " (empty: all)")));
        }
        return roles.isEmpty() ? all() : new Roles(roles);
    }

    public boolean has(Role role) {
        return held.contains(role);
    }

    /**
     * Whether this instance writes to the database (ingest loads releases, llm stores scores and backtests), and so
     * migrates its schema at start. An api-only instance only validates it: it can run with a read-only user.
     */
    public boolean writes() {
        return has(Role.INGEST) || has(Role.LLM);
    }

    /** The route files this instance does not load (those of the roles it lacks), comma-separated; "" for none. */
    public String excludedRouteFiles() {
        return Arrays.stream(Role.values()).filter(r -> !has(r)).flatMap(r -> r.routeFiles().stream())
                .collect(Collectors.joining(","));
    }

    /** A run mode needs a role: load-and-exit the inbox (ingest), backtest the LLM routes (llm). */
    public void checkRunMode(RunMode mode) {
        Role needed = switch (mode) {
            case LOAD_AND_EXIT -> Role.INGEST;
            case BACKTEST -> Role.LLM;
            case SERVICE -> null;
        };
        if (needed != null && !has(needed)) {
            throw new IllegalArgumentException("skillgap.run-mode " + mode.setting() + " needs the role '"
                    + needed.setting() + "' but " + SETTING + " (SKILLGAP_ROLES) is " + this);
        }
    }

    @Override
    public String toString() {
        return held.stream().map(Role::setting).collect(Collectors.joining(","));
    }
}
