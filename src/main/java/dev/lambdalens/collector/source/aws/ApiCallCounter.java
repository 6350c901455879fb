package dev.lambdalens.collector.source.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS API call one client makes, by service, operation and outcome, so that the monitor can show what
 * it costs and where it is throttled ({@code lambdalens.aws.api.calls}).
 */
final class ApiCallCounter implements ExecutionInterceptor {

    private final MeterRegistry registry;

    private final String account;

    private final String region;

    ApiCallCounter(MeterRegistry registry, String account, String region) {
        this.registry = registry;
        this.account = account;
        this.region = region;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        count(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        count(attributes, "failure");
    }

    private void count(ExecutionAttributes attributes, String outcome) {
        Counter.builder("lambdalens.aws.api.calls")
            .description("AWS API calls made by the collector, after SDK retries")
            .tag("service", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)))
            .tag("operation", String.valueOf(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)))
            .tag("outcome", outcome)
            .tag("account", this.account)
            .tag("region", this.region)
            .register(this.registry)
            .increment();
    }
}
