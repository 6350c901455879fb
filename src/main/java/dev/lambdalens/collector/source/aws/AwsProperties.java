package dev.lambdalens.collector.source.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which AWS accounts and regions to monitor and how to call them ({@code lambdalens.aws.*}).
 *
 * @param regions the regions to monitor in every account
 * @param accounts further accounts, reached by assuming a role in each
 * @param includeHomeAccount whether the account of the default credentials is monitored too
 * @param endpoint one endpoint for every client, for LocalStack-style emulators; never set against real AWS
 * @param accessKeyId static credentials, for emulators only (used only together with {@code endpoint})
 * @param secretAccessKey static credentials, for emulators only
 * @param retryMode the SDK retry strategy: {@code standard} or {@code adaptive-v2}
 * @param getMetricDataPerSecond client-side limit of GetMetricData calls per account and region (the quota is 50)
 * @param getFunctionPerSecond client-side limit of Lambda GetFunction calls per account and region (the quota is
 * 100)
 * @param attemptTimeout how long one attempt of an API call may take before the SDK retries it
 */
@ConfigurationProperties("lambdalens.aws")
public record AwsProperties(@DefaultValue("us-east-1") List<String> regions, @DefaultValue List<Account> accounts,
        @DefaultValue("true") boolean includeHomeAccount, @Nullable URI endpoint, @Nullable String accessKeyId,
        @Nullable String secretAccessKey, @DefaultValue("standard") RetryMode retryMode,
        @DefaultValue("25") double getMetricDataPerSecond, @DefaultValue("20") double getFunctionPerSecond,
        @DefaultValue("20s") Duration attemptTimeout) {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public AwsProperties {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("lambdalens.aws.regions must name at least one region");
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException(
                        "lambdalens.aws.regions: '" + region + "' is not an AWS region name such as us-east-1");
            }
        }
        if (!includeHomeAccount && accounts.isEmpty()) {
            throw new IllegalArgumentException("lambdalens.aws: no account to monitor: set "
                    + "lambdalens.aws.accounts[0].role-arn or lambdalens.aws.include-home-account=true");
        }
        if (getMetricDataPerSecond <= 0 || getMetricDataPerSecond > 50) {
            throw new IllegalArgumentException(
                    "lambdalens.aws.get-metric-data-per-second must be above 0 and at most 50 (the default quota)");
        }
        if (getFunctionPerSecond <= 0 || getFunctionPerSecond > 100) {
            throw new IllegalArgumentException(
                    "lambdalens.aws.get-function-per-second must be above 0 and at most 100 (the quota)");
        }
        if (attemptTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("lambdalens.aws.attempt-timeout must be at least 100ms");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException(
                    "lambdalens.aws.access-key-id and secret-access-key go together: set both or neither");
        }
        if (accessKeyId != null && endpoint == null) {
            throw new IllegalArgumentException("lambdalens.aws.access-key-id is for emulators only: set "
                    + "lambdalens.aws.endpoint too, or use the default credentials chain against AWS");
        }
    }

    /**
     * An account reached through a role.
     *
     * @param roleArn the role to assume, such as {@code arn:aws:iam::210987654321:role/LambdaLensReadOnly}
     * @param externalId the external id the role's trust policy requires, if any
     */
    public record Account(String roleArn, @Nullable String externalId) {

        private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/.+");

        public Account {
            if (roleArn == null || !ROLE_ARN.matcher(roleArn).matches()) {
                throw new IllegalArgumentException("lambdalens.aws.accounts[].role-arn '" + roleArn
                        + "' is not an IAM role ARN such as arn:aws:iam::210987654321:role/LambdaLensReadOnly");
            }
        }

        /** The account id written in the role ARN. */
        String accountInArn() {
            var matcher = ROLE_ARN.matcher(this.roleArn);
            matcher.matches();
            return matcher.group(1);
        }
    }

    /** The SDK retry strategies LambdaLens offers (never the deprecated ADAPTIVE). */
    public enum RetryMode {
        STANDARD, ADAPTIVE_V2
    }
}
