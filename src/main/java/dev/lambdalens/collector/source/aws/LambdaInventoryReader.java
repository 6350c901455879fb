package dev.lambdalens.collector.source.aws;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.collector.source.KnownInventory;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.FunctionSummary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Discovery through the Lambda control plane: ListFunctions page by page (it already carries memory, timeout,
 * architecture, runtime, code size, layers, VPC and {@code LastModified}), GetFunction only for the functions that
 * are new or whose listed configuration changed, and for all of them at the slow full refresh (reserved concurrency
 * and tags change without touching {@code LastModified}), several at once within the Lambda rate limit; and
 * GetAccountSettings for the limits. A function whose GetFunction is refused or throttled keeps what was last known
 * of it and is reported as a problem; a listing that fails fails the discovery (metrics go on regardless). Limits
 * that some roles and emulators refuse are unknown, logged once, never invented. With each GetFunction come the
 * function's triggers ({@link LambdaTriggerReader}); the region's event source mappings are listed every time.
 * "Changed" includes a new {@code RevisionId} or {@code CodeSha256}, which any update of code or configuration moves.
 */
final class LambdaInventoryReader implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(LambdaInventoryReader.class);

    /** The name of the layer AWS publishes the Lambda Insights extension as, in every region. */
    static final String LAMBDA_INSIGHTS_LAYER = "LambdaInsightsExtension";

    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** GetFunction calls in flight at once per discovery: enough to reach the rate limit at 300 ms per call. */
    private static final int PARALLEL_CALLS = 8;

    private final AwsClients clients;

    private final Clock clock;

    private final CallRates rates;

    private final double lambdaPerSecond;

    private final ExecutorService calls = Executors.newCachedThreadPool((task) -> {
        Thread thread = new Thread(task, "lambda-discovery");
        thread.setDaemon(true);
        return thread;
    });

    private final Set<String> limitsRefusedLogged = ConcurrentHashMap.newKeySet();

    /** The account/region/operation triples refused so far, logged once each. */
    private final Set<String> refusedLogged = ConcurrentHashMap.newKeySet();

    LambdaInventoryReader(AwsClients clients, Clock clock, CallRates rates, double lambdaPerSecond) {
        this.clients = clients;
        this.clock = clock;
        this.rates = rates;
        this.lambdaPerSecond = lambdaPerSecond;
    }

    Discovery discover(AwsAccount account, String region, KnownInventory known) {
        LambdaClient lambda = this.clients.lambda(account, region);
        List<FunctionConfiguration> listed = list(lambda, account, region);
        Map<String, String> problems = new ConcurrentHashMap<>();
        List<DiscoveredFunction> functions = new ArrayList<>();
        List<FunctionConfiguration> toAsk = new ArrayList<>();
        for (FunctionConfiguration configuration : listed) {
            FunctionSummary before = known.byName().get(configuration.functionName());
            DiscoveredFunction reused = (before != null) ? toDiscovered(account, region, configuration,
                    before.reservedConcurrency(), before.tags()) : null;
            if (reused != null && !known.askAgain(configuration.functionName()) && sameAsKnown(reused, before)) {
                functions.add(aliasesAgain(lambda, account, region, reused, known));
            }
            else {
                toAsk.add(configuration);
            }
        }
        functions.addAll(details(lambda, account, region, toAsk, known, problems));
        return new Discovery(functions, limits(lambda, account, region), problems, mappings(lambda, account, region));
    }

    /** Every event source mapping of the region, or {@code null} when they cannot be listed (the known ones stay). */
    private @Nullable List<EventSourceMapping> mappings(LambdaClient lambda, AwsAccount account, String region) {
        try {
            return triggers(account, region).mappings(lambda);
        }
        catch (SdkException ex) {
            if (this.refusedLogged.add(account.id() + "/" + region + "/ListEventSourceMappings")) {
                logger.warn("ListEventSourceMappings failed for {}/{} ({}): the mappings known stay", account.id(),
                        region, describe(ex));
            }
            return null;
        }
    }

    private LambdaTriggerReader triggers(AwsAccount account, String region) {
        return new LambdaTriggerReader(() -> this.rates.acquire("Lambda", account.id(), region,
                this.lambdaPerSecond));
    }

    private List<FunctionConfiguration> list(LambdaClient lambda, AwsAccount account, String region) {
        List<FunctionConfiguration> listed = new ArrayList<>();
        String marker = null;
        do {
            this.rates.acquire("Lambda", account.id(), region, this.lambdaPerSecond);
            String page = marker;
            ListFunctionsResponse response = lambda.listFunctions((r) -> r.maxItems(50).marker(page));
            listed.addAll(response.functions());
            marker = response.nextMarker();
        }
        while (marker != null && !marker.isEmpty());
        return listed;
    }

    /** GetFunction for each, several at once; a function that cannot be read keeps what was known of it. */
    private List<DiscoveredFunction> details(LambdaClient lambda, AwsAccount account, String region,
            List<FunctionConfiguration> toAsk, KnownInventory known, Map<String, String> problems) {
        Semaphore inFlight = new Semaphore(PARALLEL_CALLS);
        List<CompletableFuture<@Nullable DiscoveredFunction>> answers = new ArrayList<>();
        for (FunctionConfiguration configuration : toAsk) {
            inFlight.acquireUninterruptibly();
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return detail(lambda, account, region, configuration, known, problems);
                }
                finally {
                    inFlight.release();
                }
            }, this.calls));
        }
        List<DiscoveredFunction> functions = new ArrayList<>();
        for (CompletableFuture<@Nullable DiscoveredFunction> answer : answers) {
            DiscoveredFunction function = answer.join();
            if (function != null) {
                functions.add(function);
            }
        }
        return functions;
    }

    private @Nullable DiscoveredFunction detail(LambdaClient lambda, AwsAccount account, String region,
            FunctionConfiguration listed, KnownInventory known, Map<String, String> problems) {
        try {
            this.rates.acquire("Lambda", account.id(), region, this.lambdaPerSecond);
            GetFunctionResponse function = lambda.getFunction((r) -> r.functionName(listed.functionName()));
            FunctionConfiguration configuration = (function.configuration() != null) ? function.configuration()
                    : listed;
            Integer reserved = (function.concurrency() != null)
                    ? function.concurrency().reservedConcurrentExecutions() : null;
            DiscoveredFunction discovered = toDiscovered(account, region, configuration, reserved,
                    function.hasTags() ? function.tags() : Map.of());
            InvocationSetup setup = setup(lambda, account, region, configuration, problems);
            return (setup != null) ? discovered.withSetup(setup) : discovered;
        }
        catch (ResourceNotFoundException deletedMeanwhile) {
            // listed, then deleted before we asked for it: the next discovery will not list it
            return null;
        }
        catch (SdkException ex) {
            problems.put(listed.functionName(), describe(ex));
            FunctionSummary before = known.byName().get(listed.functionName());
            return (before != null) ? toDiscovered(account, region, listed, before.reservedConcurrency(), before.tags())
                    : toDiscovered(account, region, listed, null, Map.of());
        }
    }

    /**
     * The function's invocation setup, or {@code null} (the stored one stays): when refused (a role without the
     * permission, logged once, not asked again before the full refresh), or when it failed otherwise (a problem: asked
     * again at the next discovery).
     */
    private @Nullable InvocationSetup setup(LambdaClient lambda, AwsAccount account, String region,
            FunctionConfiguration configuration, Map<String, String> problems) {
        try {
            return triggers(account, region).setup(lambda, configuration);
        }
        catch (AwsServiceException ex) {
            if (ex.statusCode() == 403) {
                if (this.refusedLogged.add(account.id() + "/" + region + "/setup")) {
                    logger.warn("Reading invocation setups (event invoke config, policy, aliases, versions, "
                            + "provisioned concurrency) refused for {}/{} ({}): triggers shown as last known",
                            account.id(), region, describe(ex));
                }
                return null;
            }
            problems.put(configuration.functionName(), "invocation setup: " + describe(ex));
            return null;
        }
        catch (SdkException ex) {
            problems.put(configuration.functionName(), "invocation setup: " + describe(ex));
            return null;
        }
    }

    /**
     * A function not asked for its details, with its aliases read again when it has any: a weighted rollout moves an
     * alias' routing without changing the function, and the metrics by version are fetched only while it lasts. One
     * ListAliases call per function with aliases; the setup is replaced only when they changed, and kept as known when
     * the call fails or is refused (logged once).
     */
    private DiscoveredFunction aliasesAgain(LambdaClient lambda, AwsAccount account, String region,
            DiscoveredFunction reused, KnownInventory known) {
        InvocationSetup setup = known.aliased().get(reused.name());
        if (setup == null) {
            return reused;
        }
        try {
            List<dev.lambdalens.inventory.FunctionAlias> aliases = triggers(account, region).aliases(lambda,
                    reused.name());
            return aliases.equals(setup.aliases()) ? reused : reused.withSetup(setup.withAliases(aliases));
        }
        catch (SdkException ex) {
            if (this.refusedLogged.add(account.id() + "/" + region + "/ListAliases")) {
                logger.warn("ListAliases failed for {}/{} ({}): the aliases known stay until the function changes",
                        account.id(), region, describe(ex));
            }
            return reused;
        }
    }

    /** Whether ListFunctions shows the function as inventory knows it, so that GetFunction can wait. */
    private static boolean sameAsKnown(DiscoveredFunction listed, FunctionSummary known) {
        return listed.memoryMb() == known.memoryMb() && listed.timeoutSeconds() == known.timeoutSeconds()
                && Objects.equals(listed.runtime(), known.runtime()) && listed.architecture() == known.architecture()
                && listed.codeSizeBytes() == known.codeSizeBytes() && listed.layerCount() == known.layerCount()
                && listed.layersCodeSizeBytes() == known.layersCodeSizeBytes()
                && Objects.equals(listed.vpcId(), known.vpcId())
                && listed.ephemeralStorageMb() == known.ephemeralStorageMb()
                && listed.lambdaInsights() == known.lambdaInsights() && Objects.equals(listed.arn(), known.arn())
                && Objects.equals(listed.revisionId(), known.revisionId())
                && Objects.equals(listed.codeSha256(), known.codeSha256());
    }

    private static String describe(SdkException ex) {
        if (ex instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorCode() + " (HTTP " + aws.statusCode() + ")";
        }
        return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
    }

    @Override
    public void close() {
        this.calls.shutdownNow();
    }

    private AccountLimits limits(LambdaClient lambda, AwsAccount account, String region) {
        try {
            GetAccountSettingsResponse settings = lambda.getAccountSettings((r) -> {
            });
            return new AccountLimits(account.id(), region, settings.accountLimit().concurrentExecutions(),
                    settings.accountLimit().unreservedConcurrentExecutions(), this.clock.instant());
        }
        catch (LambdaException ex) {
            int status = ex.statusCode();
            if (status == 403 || status == 404 || status == 501) {
                if (this.limitsRefusedLogged.add(account.id() + "/" + region)) {
                    logger.warn("GetAccountSettings refused for {}/{} ({}): its concurrency limit is shown as unknown",
                            account.id(), region, ex.awsErrorDetails() != null
                                    ? ex.awsErrorDetails().errorCode() : String.valueOf(status));
                }
                return AccountLimits.unknown(account.id(), region, this.clock.instant());
            }
            throw ex;
        }
    }

    private static DiscoveredFunction toDiscovered(AwsAccount account, String region,
            FunctionConfiguration configuration, @Nullable Integer reserved, Map<String, String> tags) {
        String architecture = configuration.architecturesAsStrings().isEmpty() ? "x86_64"
                : configuration.architecturesAsStrings().get(0);
        return new DiscoveredFunction(account.id(), region, configuration.functionName(), configuration.functionArn(),
                configuration.runtimeAsString(), Architecture.fromWireName(architecture),
                orZero(configuration.memorySize()), orZero(configuration.timeout()), reserved,
                (configuration.codeSize() != null) ? configuration.codeSize() : 0,
                tags, configuration.layers().size(),
                configuration.layers().stream().mapToLong((layer) -> (layer.codeSize() != null) ? layer.codeSize() : 0)
                    .sum(),
                (configuration.vpcConfig() != null && configuration.vpcConfig().hasSubnetIds()
                        && !configuration.vpcConfig().subnetIds().isEmpty()) ? configuration.vpcConfig().vpcId() : null,
                (configuration.ephemeralStorage() != null && configuration.ephemeralStorage().size() != null)
                        ? configuration.ephemeralStorage().size() : DiscoveredFunction.INCLUDED_EPHEMERAL_STORAGE_MB,
                lastModified(configuration.lastModified()),
                configuration.layers().stream().anyMatch((layer) -> layer.arn() != null
                        && layer.arn().contains(":layer:" + LAMBDA_INSIGHTS_LAYER)),
                blankToNull(configuration.revisionId()), blankToNull(configuration.codeSha256()), null);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text;
    }

    /** Lambda's LastModified, such as {@code 2026-11-02T09:15:00.000+0000}; unreadable means unknown. */
    static @Nullable Instant lastModified(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, LAST_MODIFIED).toInstant();
        }
        catch (DateTimeParseException ex) {
            logger.debug("Unreadable LastModified '{}'", text);
            return null;
        }
    }

    private static int orZero(Integer value) {
        return (value != null) ? value : 0;
    }
}
