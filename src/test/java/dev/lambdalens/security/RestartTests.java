package dev.lambdalens.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.lambdalens.LambdaLensApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two lives of one installation on one database: a session signed in before a restart is still signed in after it
 * (sessions live in the database), and a key rotation re-encrypts the stored secrets at startup.
 */
class RestartTests {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);

    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    static final String TOKEN = "restart-token-0123456789abcdef0123456789";

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aSessionSurvivesARestartAndARotatedKeyReEncryptsTheSecrets() throws Exception {
        String session;
        try (ConfigurableApplicationContext first = start(KEY_A, "")) {
            String base = base(first);
            HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String cookie = sessionCookie(page);
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> signIn = this.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=restart-password&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signIn.statusCode()).isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying((l) -> assertThat(l).endsWith("/"));
            session = sessionCookie(signIn);
            assertThat(get(base, "/costs", session).statusCode()).isEqualTo(200);
            HttpResponse<String> channel = this.http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/channels"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"hook\", \"type\": \"WEBHOOK\", "
                        + "\"url\": \"https://hooks.example.com/very/secret/path\", \"secret\": \"sign-me\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(channel.statusCode()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = start(KEY_B, KEY_A)) {
            String base = base(second);
            HttpResponse<String> costs = get(base, "/costs", session);
            assertThat(costs.statusCode()).as("still signed in after the restart").isEqualTo(200);
            assertThat(costs.body()).contains("admin");
            String stored = second.getBean(JdbcClient.class).sql("select url from channel").query(String.class).single();
            assertThat(stored).startsWith("enc:v1:");
            assertThat(second.getBean(dev.lambdalens.SecretCipher.class).current(stored))
                .as("re-encrypted under the new key").isTrue();
            assertThat(second.getBean(dev.lambdalens.SecretCipher.class).decrypt(stored))
                .isEqualTo("https://hooks.example.com/very/secret/path");
        }
    }

    private HttpResponse<String> get(String base, String path, String cookie) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter((c) -> c.startsWith("SESSION="))
            .map((c) -> c.substring(0, c.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no SESSION cookie in " + response.headers()));
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private ConfigurableApplicationContext start(String key, String previous) {
        return new SpringApplicationBuilder(LambdaLensApplication.class).run("--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--lambdalens.collector.enabled=false", "--lambdalens.alerting.enabled=false",
                "--lambdalens.notification.enabled=false", "--lambdalens.cost.budgets-enabled=false",
                "--lambdalens.security.admin-password=restart-password", "--lambdalens.security.bootstrap-token=" + TOKEN,
                "--lambdalens.secrets.key=" + key, "--lambdalens.secrets.previous-keys=" + previous,
                "--lambdalens.test.signed-in=false");
    }
}
