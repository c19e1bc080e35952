package com.example.driver;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.dmasim.junit.DmaScenarios;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every scenario in src/test/scenarios is one test; a failing one shows what dmasim printed. */
class DriverScenariosTest {
    @TestFactory
    Stream<DynamicTest> scenarios() {
        return DmaScenarios.from(Path.of("src/test/scenarios"));
    }
}
