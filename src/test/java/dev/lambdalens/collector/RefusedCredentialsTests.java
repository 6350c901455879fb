package dev.lambdalens.collector;

import dev.lambdalens.collector.source.aws.AwsStubAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Credentials AWS refuses: no cycle can start, and the status page, API and health still answer.
 */
@SpringBootTest(properties = { "lambdalens.source=aws", "lambdalens.aws.access-key-id=AKIAREVOKED",
        "lambdalens.aws.secret-access-key=secret" })
@AutoConfigureMockMvc
class RefusedCredentialsTests {

    static final AwsStubAccess stub = AwsStubAccess.start();

    @Autowired
    CollectionTrigger trigger;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("lambdalens.aws.endpoint", stub::endpoint);
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    @Test
    void shouldKeepAnsweringWhenStsRefusesTheCredentials() throws Exception {
        assertThat(this.trigger.runCycle()).isZero();
        this.mvc.perform(get("/api/v1/collector/status"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.source").value("aws"))
            .andExpect(jsonPath("$.regions").isEmpty())
            .andExpect(jsonPath("$.sourceError", containsString("security token included in the request is invalid")));
        this.mvc.perform(get("/collector").accept(MediaType.TEXT_HTML))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("cannot list the accounts and regions to monitor")));
        this.mvc.perform(get("/").accept(MediaType.TEXT_HTML)).andExpect(status().isOk());
    }
}
