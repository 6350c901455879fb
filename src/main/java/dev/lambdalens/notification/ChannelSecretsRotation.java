package dev.lambdalens.notification;

import java.util.List;
import java.util.Map;

import dev.lambdalens.SecretCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At startup, (re-)encrypts every channel URL and secret not yet under the current key: values stored before
 * encryption existed, and values under a previous key after a rotation. Afterwards the previous key can go.
 */
@Component
class ChannelSecretsRotation implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(ChannelSecretsRotation.class);

    private final JdbcClient jdbc;

    private final SecretCipher cipher;

    ChannelSecretsRotation(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        List<Map<String, Object>> rows = this.jdbc.sql("select id, url, secret from channel").query().listOfRows();
        int rewritten = 0;
        for (Map<String, Object> row : rows) {
            String url = (String) row.get("url");
            String secret = (String) row.get("secret");
            if (this.cipher.current(url) && this.cipher.current(secret)) {
                continue;
            }
            this.jdbc.sql("update channel set url = :url, secret = :secret where id = :id")
                .param("url", this.cipher.encrypt(this.cipher.decrypt(url)))
                .param("secret", this.cipher.encrypt(this.cipher.decrypt(secret)))
                .param("id", row.get("id"))
                .update();
            rewritten++;
        }
        if (rewritten > 0) {
            logger.info("Encrypted the secrets of {} channel(s) under the current key", rewritten);
        }
    }
}
