package dev.lambdalens.inventory;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How a function is invoked and where its events go, as read for new and changed functions: its asynchronous
 * invocation configuration and dead-letter queue, the services allowed to invoke it asynchronously, its aliases,
 * published versions and provisioned concurrency.
 *
 * @param asyncInvocation the asynchronous invocation configuration, {@code null} when none is set (the defaults apply)
 * @param deadLetterTarget the dead-letter queue or topic, {@code null} when none
 * @param asyncSources the AWS services its resource policy lets invoke it (asynchronously: S3, SNS, EventBridge, ...)
 */
public record InvocationSetup(@Nullable AsyncInvocation asyncInvocation, @Nullable String deadLetterTarget,
        Set<String> asyncSources, List<FunctionAlias> aliases, List<PublishedVersion> versions,
        List<ProvisionedConcurrency> provisioned) {

    /** Nothing known: no asynchronous configuration, no aliases, versions or provisioned concurrency. */
    public static final InvocationSetup NONE = new InvocationSetup(null, null, Set.of(), List.of(), List.of(),
            List.of());

    public InvocationSetup {
        asyncSources = Set.copyOf(asyncSources);
        aliases = List.copyOf(aliases);
        versions = List.copyOf(versions);
        provisioned = List.copyOf(provisioned);
    }

    /** The same setup with its aliases as read now. */
    public InvocationSetup withAliases(List<FunctionAlias> read) {
        return new InvocationSetup(this.asyncInvocation, this.deadLetterTarget, this.asyncSources, read,
                this.versions, this.provisioned);
    }
}
