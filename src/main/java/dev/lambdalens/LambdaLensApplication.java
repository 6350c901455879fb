package dev.lambdalens;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * LambdaLens: a self-hosted monitor for AWS Lambda concurrency, invocations, errors, throttles and duration.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LambdaLensApplication {

    public static void main(String[] args) {
        SpringApplication.run(LambdaLensApplication.class, args);
    }
}
