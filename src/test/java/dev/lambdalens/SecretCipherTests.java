package dev.lambdalens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * AES-256-GCM at rest, and rotating the key.
 */
class SecretCipherTests {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);

    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path dir;

    @Test
    void encryptsWithAFreshIvEachTimeAndDecryptsBack() {
        SecretCipher cipher = new SecretCipher(KEY_A, List.of(), "unused");
        String once = cipher.encrypt("https://hooks.slack.com/services/T/B/secret");
        String twice = cipher.encrypt("https://hooks.slack.com/services/T/B/secret");
        assertThat(once).startsWith("enc:v1:").isNotEqualTo(twice).doesNotContain("secret");
        assertThat(cipher.decrypt(once)).isEqualTo("https://hooks.slack.com/services/T/B/secret");
        assertThat(cipher.decrypt(null)).isNull();
        assertThat(cipher.decrypt("plain, from before encryption")).isEqualTo("plain, from before encryption");
    }

    @Test
    void rotatesWithThePreviousKeyStillDecrypting() {
        String underA = new SecretCipher(KEY_A, List.of(), "unused").encrypt("routing-key");
        SecretCipher rotated = new SecretCipher(KEY_B, List.of(KEY_A), "unused");
        assertThat(rotated.current(underA)).isFalse();
        assertThat(rotated.decrypt(underA)).isEqualTo("routing-key");
        String underB = rotated.encrypt(rotated.decrypt(underA));
        assertThat(rotated.current(underB)).isTrue();
        // once A is gone, what was under A cannot be read: an error naming the key, not garbage
        assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(KEY_B, List.of(), "unused").decrypt(underA))
            .withMessageContaining("lambdalens.secrets.previous-keys");
    }

    @Test
    void detectsATamperedValue() {
        SecretCipher cipher = new SecretCipher(KEY_A, List.of(), "unused");
        String sealed = cipher.encrypt("secret");
        String tampered = sealed.substring(0, sealed.length() - 3) + (sealed.endsWith("A") ? "BBB" : "AAA");
        assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(tampered)).withMessageContaining("corrupted");
    }

    @Test
    void refusesAKeyThatIsNot32BytesNamingTheSetting() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SecretCipher("c2hvcnQ=", List.of(), "unused"))
            .withMessageContaining("lambdalens.secrets.key must be 32 bytes");
    }

    @Test
    void generatesAKeyFileOnceWhenNoKeyIsSet() throws Exception {
        Path file = this.dir.resolve("data/secrets.key");
        String sealed = new SecretCipher("", List.of(), file.toString()).encrypt("x");
        assertThat(Files.readString(file)).hasSize(44);
        assertThat(new SecretCipher("", List.of(), file.toString()).decrypt(sealed)).isEqualTo("x");
    }
}
