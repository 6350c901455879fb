package dev.lambdalens.inventory;

import java.util.Arrays;

/**
 * The instruction set a function runs on; it decides the GB-second price.
 */
public enum Architecture {

    X86_64("x86_64"), ARM64("arm64");

    private final String wireName;

    Architecture(String wireName) {
        this.wireName = wireName;
    }

    /** The name AWS uses on the wire and in the console ({@code x86_64}, {@code arm64}). */
    public String wireName() {
        return this.wireName;
    }

    public static Architecture fromWireName(String name) {
        return Arrays.stream(values())
            .filter((candidate) -> candidate.wireName.equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown Lambda architecture '" + name + "'"));
    }
}
