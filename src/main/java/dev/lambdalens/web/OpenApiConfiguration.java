package dev.lambdalens.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Names the REST API in its OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI lambdaLensApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable(() -> null) != null ? build.getObject().getVersion() : "dev";
        return new OpenAPI().info(new Info().title("LambdaLens API")
            .version(version)
            .description("Functions, series, alerts, costs, insights and collector status of a self-hosted AWS "
                    + "Lambda monitor. Send Authorization: Bearer <token> (tokens under Settings). "
                    + "Errors are application/problem+json."))
            .components(new io.swagger.v3.oas.models.Components().addSecuritySchemes("token",
                    new io.swagger.v3.oas.models.security.SecurityScheme()
                        .type(io.swagger.v3.oas.models.security.SecurityScheme.Type.HTTP)
                        .scheme("bearer")))
            .addSecurityItem(new io.swagger.v3.oas.models.security.SecurityRequirement().addList("token"));
    }
}
