package dev.lambdalens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (webhook URLs, signing secrets, routing keys) with AES-256-GCM under a key from the
 * environment ({@code LAMBDALENS_SECRETS_KEY}, 32 bytes in base64). Values are written as
 * {@code enc:v1:<key id>:<base64 of iv and ciphertext>}; previous keys ({@code LAMBDALENS_SECRETS_PREVIOUS_KEYS})
 * still decrypt, so a key can be rotated and stored values re-encrypted at startup. Without a configured key, one
 * is generated once into {@code ./data/secrets.key}, fine for the embedded default and not for production.
 */
@Component
public class SecretCipher {

    private static final Logger logger = LoggerFactory.getLogger(SecretCipher.class);

    static final String PREFIX = "enc:v1:";

    private final SecureRandom random = new SecureRandom();

    private final String currentId;

    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    public SecretCipher(@Value("${lambdalens.secrets.key:}") String key,
            @Value("${lambdalens.secrets.previous-keys:}") List<String> previousKeys,
            @Value("${lambdalens.secrets.key-file:./data/secrets.key}") String keyFile) {
        byte[] current = (key == null || key.isBlank()) ? fromFile(Path.of(keyFile))
                : decode("lambdalens.secrets.key", key);
        this.currentId = id(current);
        this.keys.put(this.currentId, current);
        for (String previous : previousKeys) {
            if (previous != null && !previous.isBlank()) {
                byte[] bytes = decode("lambdalens.secrets.previous-keys", previous);
                this.keys.putIfAbsent(id(bytes), bytes);
            }
        }
    }

    /** The value encrypted under the current key; {@code null} stays {@code null}. */
    public @Nullable String encrypt(@Nullable String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[12];
            this.random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(this.keys.get(this.currentId), "AES"),
                    new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + this.currentId + ":" + Base64.getEncoder().encodeToString(out);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Encryption failed", ex);
        }
    }

    /**
     * The plain value. A value without the prefix was stored before encryption existed and is returned as it is (the
     * startup rotation encrypts it); a value under an unknown key is an error naming the key id, never a guess.
     */
    public @Nullable String decrypt(@Nullable String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        byte[] key = (colon > 0) ? this.keys.get(rest.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("A secret is encrypted under key " + ((colon > 0) ? rest.substring(0, colon)
                    : "?") + ", which is neither lambdalens.secrets.key nor one of lambdalens.secrets.previous-keys");
        }
        try {
            byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
            return new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalStateException("A stored secret could not be decrypted: it was changed or corrupted", ex);
        }
    }

    /** Whether a stored value is already encrypted under the current key. */
    public boolean current(@Nullable String stored) {
        return stored == null || stored.startsWith(PREFIX + this.currentId + ":");
    }

    private static byte[] decode(String property, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(property + " must be 32 bytes in base64 (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(property + " must be 32 bytes in base64 (openssl rand -base64 32), not "
                    + bytes.length + " bytes");
        }
        return bytes;
    }

    private byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                this.random.nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.writeString(Files.createFile(file), Base64.getEncoder().encodeToString(fresh));
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    }
                    catch (UnsupportedOperationException ex) {
                        // not a POSIX file system
                    }
                    logger.warn("No LAMBDALENS_SECRETS_KEY: generated a key into {}. Set LAMBDALENS_SECRETS_KEY in "
                            + "production (see the README).", file.toAbsolutePath());
                }
                catch (FileAlreadyExistsException raced) {
                    // another context created it first: use theirs
                }
            }
            return decode(file.toString(), Files.readString(file));
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot read or create the secrets key file " + file
                    + ": set LAMBDALENS_SECRETS_KEY instead", ex);
        }
    }

    private static String id(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 8);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
