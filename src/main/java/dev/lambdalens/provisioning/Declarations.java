package dev.lambdalens.provisioning;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.lambdalens.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one declared item into the request record its module's API takes, with the same Bean Validation, so a
 * file is held to exactly the rules of the API; any problem names the field.
 */
public final class Declarations {

    private Declarations() {
    }

    /** @throws DeclarationException naming the unknown, mistyped or invalid field of item {@code index} */
    public static <T extends Record> T read(Map<String, Object> item, Class<T> type, int index, JsonMapper json,
            Validator validator) {
        Set<String> known = new TreeSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
        for (String key : item.keySet()) {
            if (!known.contains(key)) {
                throw new DeclarationException(index, key, "unknown field; the fields are " + known);
            }
        }
        T value;
        try {
            value = json.convertValue(item, type);
        }
        catch (DatabindException | IllegalArgumentException ex) {
            String field = (ex instanceof DatabindException databind && !databind.getPath().isEmpty())
                    ? String.valueOf(databind.getPath().get(0).getPropertyName()) : "";
            throw new DeclarationException(index, field, "cannot be read: " + firstLine(ex.getMessage()));
        }
        List<ConstraintViolation<T>> violations = validator.validate(value)
            .stream()
            .sorted(java.util.Comparator.comparing((v) -> v.getPropertyPath().toString()))
            .toList();
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.get(0);
            throw new DeclarationException(index, first.getPropertyPath().toString(), first.getMessage());
        }
        return value;
    }

    /** A module's own check failing ({@link InvalidFieldException}), as a declaration error of item {@code index}. */
    public static DeclarationException of(InvalidFieldException ex, int index) {
        return new DeclarationException(index, ex.field(), String.valueOf(ex.getMessage()));
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return (newline < 0) ? text : text.substring(0, newline);
    }
}
