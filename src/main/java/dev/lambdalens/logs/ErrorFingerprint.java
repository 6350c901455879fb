package dev.lambdalens.logs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What makes two errors the same error: their type, their message with the parts that vary per occurrence (ids,
 * numbers, quoted values, addresses) replaced by placeholders, and the frame they were raised in.
 */
record ErrorFingerprint(String type, String normalisedMessage, @Nullable String topFrame, String hash) {

    static final int MESSAGE_LENGTH = 300;

    private static final Pattern UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");

    private static final Pattern IP = Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\b");

    private static final Pattern HEX = Pattern.compile("\\b(0x)?[0-9a-fA-F]*\\d[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\b"
            + "|\\b(0x)?[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*\\d[0-9a-fA-F]*\\b");

    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    static ErrorFingerprint of(LogLine.Error error) {
        // a group's message is stored and shown too: secrets out before anything else
        String message = normalise(SecretRedaction.redact(error.message()));
        String type = truncate(error.type(), 200);
        String frame = (error.topFrame() != null) ? truncate(error.topFrame(), 300) : null;
        return new ErrorFingerprint(type, message, frame, sha256(type + "\n" + message + "\n"
                + ((frame != null) ? frame : "")));
    }

    static String normalise(String message) {
        String m = UUID.matcher(message).replaceAll("<id>");
        m = QUOTED.matcher(m).replaceAll("<str>");
        m = IP.matcher(m).replaceAll("<ip>");
        m = HEX.matcher(m).replaceAll((r) -> (r.group().length() >= 8) ? "<hex>" : r.group());
        m = NUMBER.matcher(m).replaceAll("<n>");
        return truncate(m.replaceAll("\\s+", " ").strip(), MESSAGE_LENGTH);
    }

    static String truncate(String text, int length) {
        return (text.length() <= length) ? text : text.substring(0, length - 1) + "…";
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
