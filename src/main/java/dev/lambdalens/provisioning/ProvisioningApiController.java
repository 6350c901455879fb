package dev.lambdalens.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/provisioning}: how each file was applied, and the export of everything in the files' format.
 */
@RestController
class ProvisioningApiController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private static final YAMLMapper yaml = YAMLMapper.builder().build();

    private final Provisioning provisioning;

    ProvisioningApiController(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GetMapping("/api/v1/provisioning")
    @Operation(summary = "The provisioning directory and each file's last outcome (with file, line and field when refused)")
    Map<String, Object> status() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("enabled", this.provisioning.enabled());
        List<Provisioning.FileStatus> files = this.provisioning.status();
        answer.put("files", files);
        return answer;
    }

    @GetMapping("/api/v1/provisioning/export")
    @Operation(summary = "Every channel (secrets as environment placeholders), rule, silence and budget as a "
            + "provisioning file")
    ResponseEntity<String> export() {
        return ResponseEntity.ok()
            .contentType(YAML)
            .header(HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment().filename("lambdalens.yaml").build().toString())
            .body(yaml.writeValueAsString(this.provisioning.export()));
    }
}
