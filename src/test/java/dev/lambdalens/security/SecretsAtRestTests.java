package dev.lambdalens.security;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Nothing secret at rest in clear: after wrong and right sign-ins (one of them refused by the lockout) and anonymous
 * calls carrying a real token in forms the filter does not take, no table of the database, read whole as text, and
 * no line of the log holds a password or a token; and the anonymous API calls left no session behind.
 */
@SpringBootTest(properties = "lambdalens.test.signed-in=false")
@AutoConfigureMockMvc
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class SecretsAtRestTests {

    static final String BOOTSTRAP = "Bearer test-bootstrap-token-0123456789abcdef0123456789";

    static final String ANA_PASSWORD = "ana-correct-horse-battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void noPasswordOrTokenIsStoredOrLoggedAndAnonymousApiCallsCreateNoSession(CapturedOutput output) throws Exception {
        this.mvc.perform(post("/api/v1/users").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"username\": \"ana\", \"password\": \"" + ANA_PASSWORD + "\", \"role\": \"VIEWER\"}"))
            .andExpect(status().isCreated());
        String token = this.json.readTree(this.mvc.perform(post("/api/v1/tokens").header("Authorization", BOOTSTRAP)
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"ci\", \"role\": \"ADMIN\"}"))
            .andExpect(status().isCreated())
            .andReturn().getResponse().getContentAsString()).get("value").asString();

        List<String> secrets = new ArrayList<>(List.of(ANA_PASSWORD, token, "test-admin-password",
                token.substring(4)));
        for (int i = 0; i < 5; i++) {
            String wrong = "ana-wrong-guess-" + i + "-xyzzy";
            secrets.add(wrong);
            this.mvc.perform(post("/login").with(csrf()).with(from("10.1.0.1"))
                .param("username", "ana").param("password", wrong))
                .andExpect(redirectedUrl("/login?error"));
        }
        // the right password, refused by the lockout: the refusal must not keep the attempt
        MvcResult locked = this.mvc.perform(post("/login").with(csrf()).with(from("10.1.0.1"))
            .param("username", "ana").param("password", ANA_PASSWORD))
            .andExpect(redirectedUrl("/login?error"))
            .andReturn();
        this.mvc.perform(get("/login").param("error", "").cookie(locked.getResponse().getCookie("SESSION")))
            .andExpect(status().isOk());
        // and a successful sign-in, whose session is stored
        this.mvc.perform(post("/login").with(csrf()).with(from("10.1.0.2"))
            .param("username", "admin").param("password", "test-admin-password"))
            .andExpect(redirectedUrl("/"));

        long sessionsBefore = sessions();
        // a real token in forms the filter does not take: anonymous requests, answered 401
        this.mvc.perform(get("/api/v1/functions").header("Authorization", "Bearer\t" + token))
            .andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/functions").header("Authorization", "Token " + token))
            .andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/functions?access_token=" + token)).andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/functions").cookie(new Cookie("token", token)))
            .andExpect(status().isUnauthorized());
        this.mvc.perform(post("/api/v1/alert-rules").header("Authorization", "Token " + token)
            .contentType(MediaType.APPLICATION_JSON).content("{}"))
            .andExpect(status().isUnauthorized())
            .andExpect(header().string("WWW-Authenticate", "Bearer"));
        for (int i = 0; i < 20; i++) {
            this.mvc.perform(get("/api/v1/functions")).andExpect(status().isUnauthorized());
        }
        // and a real one: answered, with no session either
        this.mvc.perform(get("/api/v1/functions").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk());
        assertThat(sessions()).as("sessions created by API calls").isEqualTo(sessionsBefore);

        // a page remembers where the visitor was going (a session), but not the token in its request
        MvcResult page = this.mvc.perform(get("/costs?access_token=" + token + "&range=7d")
            .header("Authorization", "Token " + token).cookie(new Cookie("token", token)))
            .andExpect(redirectedUrl("/login"))
            .andReturn();
        assertThat(sessions()).isEqualTo(sessionsBefore + 1);
        // signing in from there leads back to the page, without the token
        this.mvc.perform(post("/login").with(csrf()).with(from("10.1.0.3"))
            .cookie(page.getResponse().getCookie("SESSION"))
            .param("username", "admin").param("password", "test-admin-password"))
            .andExpect(redirectedUrl("/costs?range=7d"));

        String everything = everyTableAsText();
        assertThat(everything).contains("ana"); // the dump reads what is there
        for (String secret : secrets) {
            assertThat(everything).as("the database holds a secret in clear").doesNotContain(secret);
            assertThat(output.getAll()).as("the log holds a secret").doesNotContain(secret);
        }
    }

    private long sessions() {
        return this.jdbc.sql("select count(*) from spring_session").query(Long.class).single();
    }

    /** Every row of every table, each value as text (binary values, such as session attributes, byte for byte). */
    private String everyTableAsText() throws SQLException {
        StringBuilder text = new StringBuilder();
        List<String> tables = this.jdbc.sql("select table_name from information_schema.tables "
                + "where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'").query(String.class).list();
        assertThat(tables).contains("SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES", "APP_USER", "API_TOKEN",
                "AUDIT_EVENT");
        try (Connection connection = this.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("select * from \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        text.append(table).append(':');
                        for (int c = 1; c <= columns; c++) {
                            Object value = rows.getObject(c);
                            text.append(' ').append((value instanceof byte[] bytes)
                                    ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value));
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static RequestPostProcessor from(String address) {
        return (request) -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
