package dev.lambdalens.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.env.Environment;

/**
 * One provisioning file read into its sections, every value with the line it is on (for error messages naming
 * file, line and field), and every {@code ${NAME}} placeholder replaced from the environment (so secrets live in
 * the environment, never in the files).
 */
final class ProvisioningFile {

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    private static final YAMLMapper yaml = YAMLMapper.builder().build();

    private final String name;

    private final Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();

    private final Map<String, Integer> lines = new LinkedHashMap<>();

    private ProvisioningFile(String name) {
        this.name = name;
    }

    /** @throws ProvisioningException naming the line of a syntax error, an unknown section or a missing variable */
    static ProvisioningFile read(String name, String content, List<String> knownSections, Environment environment) {
        ProvisioningFile file = new ProvisioningFile(name);
        Object root;
        try (JsonParser parser = yaml.createParser(content)) {
            if (parser.nextToken() == null) {
                return file; // an empty file declares nothing
            }
            root = file.value(parser, "", environment);
        }
        catch (JacksonException ex) {
            int line = (ex.getLocation() != null) ? ex.getLocation().getLineNr() : 0;
            throw new ProvisioningException(name, line, "", "is not valid YAML: " + ex.getOriginalMessage());
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ProvisioningException(name, 1, "", "must be a mapping of sections (" + knownSections + ")");
        }
        for (Map.Entry<?, ?> section : top.entrySet()) {
            String key = String.valueOf(section.getKey());
            if (key.equals("apiVersion")) {
                if (!"1".equals(String.valueOf(section.getValue()))) {
                    throw new ProvisioningException(name, file.line(key), key, "must be 1");
                }
                continue;
            }
            if (!knownSections.contains(key)) {
                throw new ProvisioningException(name, file.line(key), key,
                        "is not a section; the sections are " + knownSections);
            }
            List<Map<String, Object>> items = new ArrayList<>();
            if (section.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Map<?, ?> item)) {
                        throw new ProvisioningException(name, file.line(key + "[" + i + "]"), key + "[" + i + "]",
                                "must be a mapping of fields");
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> fields = (Map<String, Object>) item;
                    items.add(fields);
                }
            }
            else if (section.getValue() != null) {
                throw new ProvisioningException(name, file.line(key), key, "must be a list");
            }
            file.sections.put(key, items);
        }
        return file;
    }

    private @Nullable Object value(JsonParser parser, String path, Environment environment) {
        JsonToken token = parser.currentToken();
        this.lines.put(path, parser.currentTokenLocation().getLineNr());
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    this.lines.put(child, parser.currentTokenLocation().getLineNr());
                    parser.nextToken();
                    Object value = value(parser, child, environment);
                    this.lines.put(child, Math.min(this.lines.get(child), parser.currentTokenLocation().getLineNr()));
                    map.put(key, value);
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                int i = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser, path + "[" + i++ + "]", environment));
                }
                return list;
            }
            case VALUE_STRING -> {
                return resolve(parser.getString(), path, environment);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            default -> {
                return null;
            }
        }
    }

    private String resolve(String text, String path, Environment environment) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String value = environment.getProperty(placeholder.group(1));
            if (value == null) {
                throw new ProvisioningException(this.name, this.lines.getOrDefault(path, 0), path,
                        "needs the environment variable " + placeholder.group(1) + ", which is not set");
            }
            placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(resolved);
        return resolved.toString();
    }

    String name() {
        return this.name;
    }

    Map<String, List<Map<String, Object>>> sections() {
        return this.sections;
    }

    /** The line of {@code path} ({@code rules[2].threshold}), or of the nearest enclosing value that has one. */
    int line(String path) {
        String at = path;
        while (!at.isEmpty()) {
            Integer line = this.lines.get(at);
            if (line != null) {
                return line;
            }
            int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
            at = (cut < 0) ? "" : at.substring(0, cut);
        }
        return 1;
    }
}
