package dev.lambdalens.notification;

import dev.lambdalens.SecretCipher;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Stores a channel's URL and secret encrypted, and reads them back in clear for sending only.
 */
@Component
@Converter
class SecretConverter implements AttributeConverter<String, String> {

    private final SecretCipher cipher;

    SecretConverter(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public @Nullable String convertToDatabaseColumn(@Nullable String attribute) {
        return this.cipher.encrypt(attribute);
    }

    @Override
    public @Nullable String convertToEntityAttribute(@Nullable String column) {
        return this.cipher.decrypt(column);
    }
}
