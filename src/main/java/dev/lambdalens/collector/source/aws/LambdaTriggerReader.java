package dev.lambdalens.collector.source.aws;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.lambdalens.inventory.AsyncInvocation;
import dev.lambdalens.inventory.EventSourceKind;
import dev.lambdalens.inventory.EventSourceMapping;
import dev.lambdalens.inventory.FunctionAlias;
import dev.lambdalens.inventory.InvocationSetup;
import dev.lambdalens.inventory.ProvisionedConcurrency;
import dev.lambdalens.inventory.PublishedVersion;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.ListEventSourceMappingsResponse;
import software.amazon.awssdk.services.lambda.model.ListProvisionedConcurrencyConfigsResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigListItem;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what invokes functions and where their events go: the event source mappings of a whole region in one paged
 * listing (cheap, so at every discovery: a mapping created or disabled changes nothing on the function itself), and
 * per function its asynchronous invocation configuration, resource policy, aliases, versions and provisioned
 * concurrency (five calls, so only for new and changed functions, as GetFunction). Each call waits for the account's
 * and region's Lambda rate.
 */
final class LambdaTriggerReader {

    /**
     * The services that invoke a function asynchronously (Lambda queues their events, so the async metrics exist),
     * by their service principal.
     */
    static final Set<String> ASYNC_SERVICES = Set.of("s3.amazonaws.com", "sns.amazonaws.com", "events.amazonaws.com",
            "scheduler.amazonaws.com", "ses.amazonaws.com", "logs.amazonaws.com", "iot.amazonaws.com",
            "iotevents.amazonaws.com", "config.amazonaws.com", "codecommit.amazonaws.com",
            "cloudformation.amazonaws.com", "codepipeline.amazonaws.com");

    private static final JsonMapper json = JsonMapper.builder().build();

    /** ListProvisionedConcurrencyConfigs' LastModified, such as {@code 2026-11-02T09:15:00+0000}. */
    private static final DateTimeFormatter PROVISIONED_MODIFIED = new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
        .toFormatter();

    private final Runnable rate;

    /** @param rate waits for the account's and region's Lambda rate, once per call */
    LambdaTriggerReader(Runnable rate) {
        this.rate = rate;
    }

    List<EventSourceMapping> mappings(LambdaClient lambda) {
        List<EventSourceMapping> mappings = new ArrayList<>();
        String marker = null;
        do {
            this.rate.run();
            String page = marker;
            ListEventSourceMappingsResponse response = lambda.listEventSourceMappings((r) -> r.maxItems(100)
                .marker(page));
            for (EventSourceMappingConfiguration m : response.eventSourceMappings()) {
                EventSourceMapping mapping = mapping(m);
                if (mapping != null) {
                    mappings.add(mapping);
                }
            }
            marker = response.nextMarker();
        }
        while (marker != null && !marker.isEmpty());
        return mappings;
    }

    static @Nullable EventSourceMapping mapping(EventSourceMappingConfiguration m) {
        if (m.uuid() == null || m.functionArn() == null) {
            return null;
        }
        // arn:aws:lambda:region:account:function:name[:qualifier]
        String[] arn = m.functionArn().split(":");
        if (arn.length < 7) {
            return null;
        }
        boolean selfManagedKafka = m.selfManagedEventSource() != null && m.selfManagedEventSource().hasEndpoints()
                && !m.selfManagedEventSource().endpointsAsStrings().isEmpty();
        String source = (m.eventSourceArn() != null) ? m.eventSourceArn()
                : selfManagedKafka ? String.join(",", m.selfManagedEventSource().endpointsAsStrings()
                    .getOrDefault("KAFKA_BOOTSTRAP_SERVERS", List.of())) : "";
        List<String> filters = (m.filterCriteria() != null && m.filterCriteria().hasFilters())
                ? m.filterCriteria().filters().stream().map((f) -> f.pattern()).filter((p) -> p != null).toList()
                : List.of();
        String onFailure = (m.destinationConfig() != null && m.destinationConfig().onFailure() != null)
                ? m.destinationConfig().onFailure().destination() : null;
        Set<String> metrics = (m.metricsConfig() != null && m.metricsConfig().hasMetrics())
                ? new TreeSet<>(m.metricsConfig().metricsAsStrings()) : Set.of();
        return new EventSourceMapping(m.uuid(), arn[6], (arn.length > 7) ? arn[7] : null, source,
                EventSourceKind.of(source, selfManagedKafka), (m.state() != null) ? m.state() : "Unknown",
                m.batchSize(), m.maximumBatchingWindowInSeconds(), filters, onFailure, metrics,
                m.maximumRecordAgeInSeconds(), m.lastModified());
    }

    /** The function's invocation setup; a refused or failed call fails it (the stored setup then stays). */
    InvocationSetup setup(LambdaClient lambda, FunctionConfiguration function) {
        String name = function.functionName();
        String deadLetter = (function.deadLetterConfig() != null) ? blankToNull(function.deadLetterConfig()
            .targetArn()) : null;
        return new InvocationSetup(asyncInvocation(lambda, name), deadLetter, asyncSources(lambda, name),
                aliases(lambda, name), versions(lambda, name), provisioned(lambda, name));
    }

    private @Nullable AsyncInvocation asyncInvocation(LambdaClient lambda, String name) {
        this.rate.run();
        try {
            GetFunctionEventInvokeConfigResponse config = lambda.getFunctionEventInvokeConfig((r) -> r
                .functionName(name));
            DestinationConfig destinations = config.destinationConfig();
            return new AsyncInvocation(config.maximumEventAgeInSeconds(), config.maximumRetryAttempts(),
                    (destinations != null && destinations.onSuccess() != null)
                            ? blankToNull(destinations.onSuccess().destination()) : null,
                    (destinations != null && destinations.onFailure() != null)
                            ? blankToNull(destinations.onFailure().destination()) : null);
        }
        catch (ResourceNotFoundException none) {
            return null; // no configuration: the defaults (6 hours, 2 retries, no destinations)
        }
    }

    /** The async service principals the resource policy allows; none without a policy. */
    private Set<String> asyncSources(LambdaClient lambda, String name) {
        this.rate.run();
        String policy;
        try {
            policy = lambda.getPolicy((r) -> r.functionName(name)).policy();
        }
        catch (ResourceNotFoundException none) {
            return Set.of();
        }
        return asyncServicesOf(policy);
    }

    static Set<String> asyncServicesOf(@Nullable String policy) {
        if (policy == null || policy.isBlank()) {
            return Set.of();
        }
        Set<String> services = new TreeSet<>();
        try {
            JsonNode statements = json.readTree(policy).path("Statement");
            for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
                if (!"Allow".equals(statement.path("Effect").asString(""))) {
                    continue;
                }
                JsonNode service = statement.path("Principal").path("Service");
                for (JsonNode one : service.isArray() ? service : List.of(service)) {
                    String principal = one.asString("");
                    if (ASYNC_SERVICES.contains(principal)) {
                        services.add(principal);
                    }
                }
            }
        }
        catch (JacksonException unreadable) {
            return Set.of();
        }
        return services;
    }

    /** The function's aliases and their routing; a refused or failed call fails it. */
    List<FunctionAlias> aliases(LambdaClient lambda, String name) {
        List<FunctionAlias> aliases = new ArrayList<>();
        String marker = null;
        do {
            this.rate.run();
            String page = marker;
            ListAliasesResponse response = lambda.listAliases((r) -> r.functionName(name).maxItems(50).marker(page));
            response.aliases().forEach((a) -> aliases.add(new FunctionAlias(a.name(), a.functionVersion(),
                    (a.routingConfig() != null && a.routingConfig().hasAdditionalVersionWeights())
                            ? a.routingConfig().additionalVersionWeights() : java.util.Map.of())));
            marker = response.nextMarker();
        }
        while (marker != null && !marker.isEmpty());
        return aliases;
    }

    private List<PublishedVersion> versions(LambdaClient lambda, String name) {
        List<PublishedVersion> versions = new ArrayList<>();
        String marker = null;
        do {
            this.rate.run();
            String page = marker;
            ListVersionsByFunctionResponse response = lambda.listVersionsByFunction((r) -> r.functionName(name)
                .maxItems(50)
                .marker(page));
            response.versions()
                .stream()
                .filter((v) -> v.version() != null && !"$LATEST".equals(v.version()))
                .forEach((v) -> versions.add(new PublishedVersion(v.version(), v.codeSha256(),
                        (v.memorySize() != null) ? v.memorySize() : 0,
                        LambdaInventoryReader.lastModified(v.lastModified()))));
            marker = response.nextMarker();
        }
        while (marker != null && !marker.isEmpty());
        return versions;
    }

    private List<ProvisionedConcurrency> provisioned(LambdaClient lambda, String name) {
        List<ProvisionedConcurrency> configs = new ArrayList<>();
        String marker = null;
        do {
            this.rate.run();
            String page = marker;
            ListProvisionedConcurrencyConfigsResponse response = lambda.listProvisionedConcurrencyConfigs((r) -> r
                .functionName(name)
                .maxItems(50)
                .marker(page));
            for (ProvisionedConcurrencyConfigListItem item : response.provisionedConcurrencyConfigs()) {
                String[] arn = String.valueOf(item.functionArn()).split(":");
                if (arn.length < 8) {
                    continue; // always on an alias or version; an unqualified ARN is not one
                }
                configs.add(new ProvisionedConcurrency(arn[7], orZero(item.requestedProvisionedConcurrentExecutions()),
                        orZero(item.allocatedProvisionedConcurrentExecutions()),
                        (item.statusAsString() != null) ? item.statusAsString() : "UNKNOWN",
                        provisionedModified(item.lastModified())));
            }
            marker = response.nextMarker();
        }
        while (marker != null && !marker.isEmpty());
        return configs;
    }

    static @Nullable Instant provisionedModified(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant lambdaStyle = LambdaInventoryReader.lastModified(text);
        if (lambdaStyle != null) {
            return lambdaStyle;
        }
        try {
            return OffsetDateTime.parse(text, PROVISIONED_MODIFIED).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    private static int orZero(@Nullable Integer value) {
        return (value != null) ? value : 0;
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return (text == null || text.isBlank()) ? null : text;
    }
}
