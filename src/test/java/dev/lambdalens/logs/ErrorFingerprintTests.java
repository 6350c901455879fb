package dev.lambdalens.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorFingerprintTests {

    @Test
    void shouldGroupOccurrencesThatDifferOnlyInIdsNumbersAndValues() {
        ErrorFingerprint a = ErrorFingerprint.of(error("Order 123 not found for 'alice' (req 8f5a3c2e-1b4d-4e6f-9a7b-"
                + "0c1d2e3f4a5b)", "com.example.OrderService.find"));
        ErrorFingerprint b = ErrorFingerprint.of(error("Order 98765 not found for 'bob' (req 11111111-2222-3333-4444-"
                + "555555555555)", "com.example.OrderService.find"));
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(a.normalisedMessage()).isEqualTo("Order <n> not found for <str> (req <id>)");
    }

    @Test
    void shouldTellApartErrorsOfAnotherTypeFrameOrMessage() {
        ErrorFingerprint base = ErrorFingerprint.of(error("Order 1 not found", "a.B.c"));
        assertThat(ErrorFingerprint.of(error("Order 1 not found", "a.B.d")).hash()).isNotEqualTo(base.hash());
        assertThat(ErrorFingerprint.of(error("Customer 1 not found", "a.B.c")).hash()).isNotEqualTo(base.hash());
        assertThat(ErrorFingerprint.of(new LogLine.Error(null, "Other", "Order 1 not found", "a.B.c", "")).hash())
            .isNotEqualTo(base.hash());
    }

    @Test
    void shouldNormaliseAddressesAndHexIds() {
        assertThat(ErrorFingerprint.normalise("connect ECONNREFUSED 10.0.0.12:5432 on deadbeef00ff"))
            .isEqualTo("connect ECONNREFUSED <ip> on <hex>");
    }

    @Test
    void shouldRedactKnownSecretShapes() {
        String redacted = SecretRedaction.redact("key AKIAIOSFODNN7EXAMPLE failed, Authorization: Bearer abc.def.ghi123 "
                + "url postgres://app:s3cr3t@db:5432/x password=hunter22 token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig");
        assertThat(redacted).doesNotContain("AKIAIOSFODNN7EXAMPLE", "abc.def.ghi123", "s3cr3t", "hunter22",
                "eyJhbGciOiJIUzI1NiJ9");
        assertThat(redacted).contains("postgres://app:[redacted]@db", "password=[redacted]");
    }

    private static LogLine.Error error(String message, String frame) {
        return new LogLine.Error(null, "com.example.OrderNotFoundException", message, frame, message);
    }
}
