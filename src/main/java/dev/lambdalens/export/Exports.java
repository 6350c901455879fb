package dev.lambdalens.export;

import java.util.List;
import java.util.Locale;

import dev.lambdalens.InvalidFieldException;
import org.jspecify.annotations.Nullable;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Answers a list of rows as JSON, or as CSV (one header line, then a line per row, columns in the order of the row
 * record's {@code @JsonPropertyOrder}) when the caller asks for it with {@code format=csv} or {@code Accept:
 * text/csv}. Written by Jackson's CSV module, which quotes what needs quoting.
 */
public final class Exports {

    /** {@code text/csv}, UTF-8. */
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private static final CsvMapper csv = CsvMapper.builder().build();

    private Exports() {
    }

    /**
     * Whether the caller asked for CSV: {@code format=csv}, or no {@code format} and an {@code Accept} header
     * naming {@code text/csv}.
     *
     * @throws InvalidFieldException when {@code format} is neither {@code csv} nor {@code json}
     */
    public static boolean wantsCsv(@Nullable String format, @Nullable String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new InvalidFieldException("format", "'" + format + "' is not csv or json");
            };
        }
        return accept != null && MediaType.parseMediaTypes(accept)
            .stream()
            .anyMatch((type) -> type.isCompatibleWith(TEXT_CSV) && !type.isWildcardType());
    }

    /** The rows as JSON, or as CSV named {@code filename}.csv, as the caller asked. */
    public static <T> ResponseEntity<?> answer(@Nullable String format, @Nullable String accept, String filename,
            Class<T> rowType, List<T> rows) {
        if (!wantsCsv(format, accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(rows);
        }
        return ResponseEntity.ok()
            .contentType(TEXT_CSV)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename(filename + ".csv").build().toString())
            .body(toCsv(rowType, rows));
    }

    /** The rows as CSV with a header line. */
    public static <T> String toCsv(Class<T> rowType, List<T> rows) {
        CsvSchema schema = csv.schemaFor(rowType).withHeader();
        return csv.writer(schema).writeValueAsString(rows);
    }
}
