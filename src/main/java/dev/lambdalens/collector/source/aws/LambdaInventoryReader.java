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
import java.util.concurrent.ConcurrentHashMap;

import dev.lambdalens.collector.source.Discovery;
import dev.lambdalens.inventory.AccountLimits;
import dev.lambdalens.inventory.Architecture;
import dev.lambdalens.inventory.DiscoveredFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Discovery through the Lambda control plane: ListFunctions page by page, GetFunction per function for its reserved
 * concurrency and tags (rate-limited below the 100 req/s quota), and GetAccountSettings for the limits, which some
 * roles and emulators refuse: the limits are then unknown, logged once, never invented.
 */
final class LambdaInventoryReader {

    private static final Logger logger = LoggerFactory.getLogger(LambdaInventoryReader.class);

    /** The name of the layer AWS publishes the Lambda Insights extension as, in every region. */
    static final String LAMBDA_INSIGHTS_LAYER = "LambdaInsightsExtension";

    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final AwsClients clients;

    private final Clock clock;

    private final double getFunctionPerSecond;

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    private final Set<String> limitsRefusedLogged = ConcurrentHashMap.newKeySet();

    LambdaInventoryReader(AwsClients clients, Clock clock, double getFunctionPerSecond) {
        this.clients = clients;
        this.clock = clock;
        this.getFunctionPerSecond = getFunctionPerSecond;
    }

    Discovery discover(AwsAccount account, String region) {
        LambdaClient lambda = this.clients.lambda(account, region);
        TokenBucket bucket = this.buckets.computeIfAbsent(account.id() + "/" + region,
                (k) -> new TokenBucket(this.getFunctionPerSecond));
        List<DiscoveredFunction> functions = new ArrayList<>();
        for (FunctionConfiguration configuration : lambda.listFunctionsPaginator((r) -> r.maxItems(50)).functions()) {
            bucket.acquire();
            try {
                GetFunctionResponse function = lambda.getFunction((r) -> r.functionName(configuration.functionName()));
                functions.add(toDiscovered(account, region, configuration, function));
            }
            catch (ResourceNotFoundException deletedMeanwhile) {
                // listed, then deleted before we asked for it: the next discovery will not list it
            }
        }
        return new Discovery(functions, limits(lambda, account, region));
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

    private static DiscoveredFunction toDiscovered(AwsAccount account, String region, FunctionConfiguration listed,
            GetFunctionResponse function) {
        FunctionConfiguration configuration = (function.configuration() != null) ? function.configuration() : listed;
        Integer reserved = (function.concurrency() != null) ? function.concurrency().reservedConcurrentExecutions()
                : null;
        String architecture = configuration.architecturesAsStrings().isEmpty() ? "x86_64"
                : configuration.architecturesAsStrings().get(0);
        return new DiscoveredFunction(account.id(), region, configuration.functionName(), configuration.functionArn(),
                configuration.runtimeAsString(), Architecture.fromWireName(architecture),
                orZero(configuration.memorySize()), orZero(configuration.timeout()), reserved,
                (configuration.codeSize() != null) ? configuration.codeSize() : 0,
                function.hasTags() ? function.tags() : Map.of(), configuration.layers().size(),
                configuration.layers().stream().mapToLong((layer) -> (layer.codeSize() != null) ? layer.codeSize() : 0)
                    .sum(),
                (configuration.vpcConfig() != null && configuration.vpcConfig().hasSubnetIds()
                        && !configuration.vpcConfig().subnetIds().isEmpty()) ? configuration.vpcConfig().vpcId() : null,
                (configuration.ephemeralStorage() != null && configuration.ephemeralStorage().size() != null)
                        ? configuration.ephemeralStorage().size() : DiscoveredFunction.INCLUDED_EPHEMERAL_STORAGE_MB,
                lastModified(configuration.lastModified()),
                configuration.layers().stream().anyMatch((layer) -> layer.arn() != null
                        && layer.arn().contains(":layer:" + LAMBDA_INSIGHTS_LAYER)));
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
