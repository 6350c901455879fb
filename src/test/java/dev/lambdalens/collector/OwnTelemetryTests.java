package dev.lambdalens.collector;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's own logs in the user's stack: with Spring Boot's structured logging on, every collection log line
 * is JSON naming its account, region and unit.
 */
@SpringBootTest(properties = { "logging.structured.format.console=logstash",
        "logging.level.dev.lambdalens.collector.UnitRunner=DEBUG", "lambdalens.collector.initial-backfill=30m" })
@ExtendWith(OutputCaptureExtension.class)
class OwnTelemetryTests {

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Test
    void shouldLogEachCollectionLineAsJsonWithAccountRegionAndUnit(CapturedOutput output) {
        CycleRunner.runCycle(this.context);
        List<JsonNode> collected = output.getOut()
            .lines()
            .filter((line) -> line.startsWith("{") && line.contains("Collected "))
            .map(json::readTree)
            .toList();
        assertThat(collected).hasSize(2); // the demo account's two regions
        assertThat(collected).allSatisfy((line) -> {
            assertThat(line.get("account").asString()).isEqualTo("123456789012");
            assertThat(line.get("unit").asString()).isEqualTo("collection");
            assertThat(line.get("message").asString()).contains(line.get("region").asString());
        });
        assertThat(collected).extracting((line) -> line.get("region").asString())
            .containsExactlyInAnyOrder("us-east-1", "eu-west-1");
    }
}
