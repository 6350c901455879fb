package dev.lambdalens.collector.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.lambdalens.metrics.LambdaMetric;
import dev.lambdalens.metrics.Statistic;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudFormation templates in {@code deploy/cloudformation} parse, and say what the code does: the member
 * account role allows exactly the AWS operations the code calls with that account's credentials (read from the
 * compiled classes: every call on an AWS SDK client), trusts LambdaLens to assume it with an external id, and
 * matches the README's least-privilege policy; the push template streams the namespaces the metrics are read from
 * to the endpoint that takes them.
 */
class AwsTemplatesTests {

    static final Path ROLE = Path.of("deploy/cloudformation/lambdalens-readonly-role.yaml");

    static final Path PUSH = Path.of("deploy/cloudformation/lambdalens-push.yaml");

    static final Pattern SDK_CLIENT = Pattern.compile("software\\.amazon\\.awssdk\\.services\\.(\\w+)\\.(\\w+)Client");

    /** SDK packages whose IAM prefix is another word. */
    static final Map<String, String> IAM_PREFIX = Map.of("cloudwatchlogs", "logs");

    /**
     * Services called with the home account's own credentials, never with a member account's role: STS (the
     * assumption itself, and GetCallerIdentity, which needs no permission) and SNS (notification channels).
     */
    static final Set<String> HOME_ACCOUNT_SERVICES = Set.of("sts", "sns");

    /**
     * Actions AWS requires beside a call without it being a call of its own: GetFunction returns a function's tags
     * only to callers allowed lambda:ListTags.
     */
    static final Map<String, String> IMPLIED = Map.of("lambda:GetFunction", "lambda:ListTags");

    static final YAMLMapper yaml = YAMLMapper.builder().build();

    @Test
    void shouldAllowTheMemberRoleExactlyWhatTheCodeCallsWithIt() throws IOException {
        Set<String> called = actionsTheCodeCalls();
        assertThat(called).as("what the collector calls").contains("cloudwatch:GetMetricData", "lambda:ListFunctions");
        Set<String> expected = new TreeSet<>();
        for (String action : called) {
            if (!HOME_ACCOUNT_SERVICES.contains(action.substring(0, action.indexOf(':')))) {
                expected.add(action);
                if (IMPLIED.containsKey(action)) {
                    expected.add(IMPLIED.get(action));
                }
            }
        }
        JsonNode role = yaml.readTree(ROLE.toFile()).get("Resources").get("MonitoringRole");
        assertThat(role.get("Type").asString()).isEqualTo("AWS::IAM::Role");
        Set<String> allowed = new TreeSet<>();
        for (JsonNode policy : role.get("Properties").get("Policies")) {
            allowed.addAll(actions(policy.get("PolicyDocument")));
        }
        assertThat(allowed).isEqualTo(expected);
        assertThat(actions(readmePolicy())).as("the README's least-privilege policy").isEqualTo(expected);
    }

    @Test
    void shouldLetLambdaLensAssumeTheRoleOnlyWithTheExternalId() throws IOException {
        assertThat(actionsTheCodeCalls()).as("LambdaLens assumes member roles").contains("sts:AssumeRole");
        JsonNode template = yaml.readTree(ROLE.toFile());
        JsonNode trust = template.get("Resources").get("MonitoringRole").get("Properties")
            .get("AssumeRolePolicyDocument").get("Statement").get(0);
        assertThat(trust.get("Action").asString()).isEqualTo("sts:AssumeRole");
        assertThat(trust.get("Condition").get("StringEquals").get("sts:ExternalId").get("Ref").asString())
            .isEqualTo("ExternalId");
        assertThat(template.get("Parameters").get("ExternalId").get("NoEcho").asBoolean()).isTrue();
        // deployable as a StackSet: nothing account-specific but the parameters
        assertThat(Files.readString(ROLE)).doesNotContainPattern("\\b\\d{12}\\b");
        assertThat(template.get("Outputs").get("RoleArn")).isNotNull();
        assertEveryRefResolves(template);
    }

    @Test
    void shouldStreamTheNamespacesTheMetricsComeFromToTheFirehoseEndpoint() throws IOException {
        JsonNode template = yaml.readTree(PUSH.toFile());
        JsonNode resources = template.get("Resources");
        JsonNode stream = resources.get("LambdaMetricStream").get("Properties");
        assertThat(resources.get("LambdaMetricStream").get("Type").asString()).isEqualTo("AWS::CloudWatch::MetricStream");
        assertThat(stream.get("OutputFormat").asString()).isEqualTo("json");
        Set<String> namespaces = new TreeSet<>();
        stream.get("IncludeFilters").forEach((f) -> namespaces.add(f.get("Namespace").asString()));
        Set<String> read = new TreeSet<>();
        for (LambdaMetric metric : LambdaMetric.values()) {
            if (!metric.fromLogs()) {
                // figures parsed from log lines are LambdaLens's own, never in a metric stream
                read.add(metric.namespace());
            }
        }
        assertThat(namespaces).isEqualTo(read);
        Set<String> withP99 = new TreeSet<>();
        for (JsonNode configuration : stream.get("StatisticsConfigurations")) {
            assertThat(configuration.get("AdditionalStatistics").get(0).asString()).isEqualTo("p99");
            configuration.get("IncludeMetrics").forEach((m) -> withP99.add(m.get("MetricName").asString()));
        }
        Set<String> percentiles = new TreeSet<>();
        for (LambdaMetric metric : LambdaMetric.values()) {
            if (!metric.fromLogs() && metric.statistics().contains(Statistic.P99)) {
                percentiles.add(metric.cloudWatchName());
            }
        }
        assertThat(withP99).isEqualTo(percentiles);

        JsonNode destination = resources.get("MetricsDeliveryStream").get("Properties")
            .get("HttpEndpointDestinationConfiguration");
        assertThat(destination.get("EndpointConfiguration").get("Url").get("Fn::Sub").asString())
            .isEqualTo("${LambdaLensUrl}" + FirehoseEndpoint.PATH);
        assertThat(destination.get("EndpointConfiguration").get("AccessKey").get("Ref").asString()).isEqualTo("AccessKey");
        assertThat(destination.get("S3BackupMode").asString()).isEqualTo("FailedDataOnly");
        assertThat(resources.get("LogsSubscription").get("Type").asString()).isEqualTo("AWS::Logs::SubscriptionFilter");
        assertThat(resources.get("LogsSubscription").get("Properties").get("DestinationArn").get("Fn::GetAtt").get(0)
            .asString()).isEqualTo("LogsDeliveryStream");
        assertEveryRefResolves(template);
    }

    /** Every AWS SDK client operation the application's classes call, as IAM actions ({@code lambda:GetFunction}). */
    static Set<String> actionsTheCodeCalls() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lambdalens");
        Set<String> actions = new TreeSet<>();
        classes.forEach((javaClass) -> {
            for (JavaMethodCall call : javaClass.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getFullName();
                Matcher client = SDK_CLIENT.matcher(owner);
                if (client.matches() && !Set.of("builder", "create", "close", "serviceName",
                        "serviceClientConfiguration", "utilities", "waiter").contains(call.getName())) {
                    String operation = call.getName().replaceFirst("Paginator$", "");
                    actions.add(IAM_PREFIX.getOrDefault(client.group(1), client.group(1)) + ":"
                            + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
                }
                if (owner.equals("software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider")) {
                    actions.add("sts:AssumeRole"); // the provider calls AssumeRole for us, and again before expiry
                }
            }
        });
        return actions;
    }

    private static Set<String> actions(JsonNode policyDocument) {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policyDocument.get("Statement")) {
            assertThat(statement.get("Effect").asString()).isEqualTo("Allow");
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach((a) -> actions.add(a.asString()));
            }
            else {
                actions.add(action.asString());
            }
        }
        return actions;
    }

    private static JsonNode readmePolicy() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("### Least privilege.*?```json\\s*(\\{.*?})\\s*```", Pattern.DOTALL)
            .matcher(readme);
        assertThat(block.find()).as("the README's least-privilege policy").isTrue();
        return JsonMapper.builder().build().readTree(block.group(1));
    }

    /** A {@code Ref} or {@code Fn::GetAtt} names a parameter, a resource or a pseudo parameter of the template. */
    private static void assertEveryRefResolves(JsonNode template) {
        Set<String> names = new TreeSet<>();
        template.get("Parameters").propertyNames().forEach(names::add);
        template.get("Resources").propertyNames().forEach(names::add);
        walk(template, names);
    }

    private static void walk(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("Ref") && field.getValue().isString()
                        && !field.getValue().asString().startsWith("AWS::")) {
                    assertThat(names).as("Ref").contains(field.getValue().asString());
                }
                if (field.getKey().equals("Fn::GetAtt")) {
                    assertThat(names).as("Fn::GetAtt").contains(field.getValue().get(0).asString());
                }
                if (field.getKey().equals("Fn::Sub") && field.getValue().isString()) {
                    Matcher variable = Pattern.compile("\\$\\{([\\w:]+)(\\.\\w+)?}").matcher(field.getValue().asString());
                    while (variable.find()) {
                        if (!variable.group(1).startsWith("AWS::")) {
                            assertThat(names).as("Fn::Sub").contains(variable.group(1));
                        }
                    }
                }
                walk(field.getValue(), names);
            }
        }
        else if (node.isArray()) {
            node.forEach((child) -> walk(child, names));
        }
    }
}
