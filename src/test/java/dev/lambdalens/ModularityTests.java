package dev.lambdalens;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(LambdaLensApplication.class);

    @Test
    void shouldKeepModuleBoundaries() {
        this.modules.verify();
    }

    @Test
    void shouldWriteModuleDocumentation() {
        new Documenter(this.modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
