package dev.lambdalens.inventory;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A function's configuration as a source reported it during discovery.
 *
 * @param account the 12-digit AWS account id
 * @param region the AWS region, such as {@code us-east-1}
 * @param name the function name
 * @param arn the function ARN
 * @param runtime the runtime identifier ({@code null} for container images)
 * @param architecture the instruction set
 * @param memoryMb configured memory in MB (128 to 10,240)
 * @param timeoutSeconds configured timeout in seconds (1 to 900)
 * @param reservedConcurrency reserved concurrency, {@code null} when none is set
 * @param codeSizeBytes deployment package size in bytes
 * @param tags the function's tags
 * @param layerCount the number of layers (at most 5)
 * @param layersCodeSizeBytes the layers' code size together
 * @param vpcId the VPC the function is attached to, {@code null} when none
 * @param ephemeralStorageMb the size of {@code /tmp} in MB (512 to 10,240; billed above 512)
 * @param lastModified when the function's configuration last changed, {@code null} when the source does not say
 * @param lambdaInsights whether the function carries the Lambda Insights extension (and so publishes memory use)
 * @param revisionId Lambda's revision of the function, which changes with any update of code or configuration;
 *     {@code null} when the source does not say
 * @param codeSha256 the hash of the deployment package, which changes with each code deployment
 * @param setup its invocation setup when it was read this time; {@code null}: not read, what is stored stays
 */
public record DiscoveredFunction(String account, String region, String name, String arn, @Nullable String runtime,
        Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
        long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes, @Nullable String vpcId,
        int ephemeralStorageMb, @Nullable Instant lastModified, boolean lambdaInsights, @Nullable String revisionId,
        @Nullable String codeSha256, @Nullable InvocationSetup setup) {

    /** The size of {@code /tmp} every function has without paying for more. */
    public static final int INCLUDED_EPHEMERAL_STORAGE_MB = 512;

    public DiscoveredFunction {
        tags = Map.copyOf(tags);
    }

    /** A function whose revision and invocation setup are not known. */
    public DiscoveredFunction(String account, String region, String name, String arn, @Nullable String runtime,
            Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
            long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes,
            @Nullable String vpcId, int ephemeralStorageMb, @Nullable Instant lastModified, boolean lambdaInsights) {
        this(account, region, name, arn, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                codeSizeBytes, tags, layerCount, layersCodeSizeBytes, vpcId, ephemeralStorageMb, lastModified,
                lambdaInsights, null, null, null);
    }

    /** The same function with its invocation setup as read now. */
    public DiscoveredFunction withSetup(InvocationSetup read) {
        return new DiscoveredFunction(this.account, this.region, this.name, this.arn, this.runtime, this.architecture,
                this.memoryMb, this.timeoutSeconds, this.reservedConcurrency, this.codeSizeBytes, this.tags,
                this.layerCount, this.layersCodeSizeBytes, this.vpcId, this.ephemeralStorageMb, this.lastModified,
                this.lambdaInsights, this.revisionId, this.codeSha256, read);
    }

    /** A function without Lambda Insights. */
    public DiscoveredFunction(String account, String region, String name, String arn, @Nullable String runtime,
            Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
            long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes,
            @Nullable String vpcId, int ephemeralStorageMb, @Nullable Instant lastModified) {
        this(account, region, name, arn, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                codeSizeBytes, tags, layerCount, layersCodeSizeBytes, vpcId, ephemeralStorageMb, lastModified, false);
    }

    /** A function with the included ephemeral storage, its last change unknown. */
    public DiscoveredFunction(String account, String region, String name, String arn, @Nullable String runtime,
            Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
            long codeSizeBytes, Map<String, String> tags, int layerCount, long layersCodeSizeBytes,
            @Nullable String vpcId) {
        this(account, region, name, arn, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                codeSizeBytes, tags, layerCount, layersCodeSizeBytes, vpcId, INCLUDED_EPHEMERAL_STORAGE_MB, null, false);
    }

    /** A function without layers or VPC. */
    public DiscoveredFunction(String account, String region, String name, String arn, @Nullable String runtime,
            Architecture architecture, int memoryMb, int timeoutSeconds, @Nullable Integer reservedConcurrency,
            long codeSizeBytes, Map<String, String> tags) {
        this(account, region, name, arn, runtime, architecture, memoryMb, timeoutSeconds, reservedConcurrency,
                codeSizeBytes, tags, 0, 0, null);
    }
}
