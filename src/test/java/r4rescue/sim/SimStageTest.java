package r4rescue.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;

/** Every built-in scenario boots to the stage its JSON names, and then prints nothing more. */
@Tag("sim")
class SimStageTest {

    static String[] scenarios() {
        return ScenarioBuilder.BUILT_IN;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void reachesItsStageAndStops(String name) throws Exception {
        Scenario sc = ScenarioBuilder.scenario(name);
        try (SimHarness h = new SimHarness(name)) {
            h.board.powerOn();
            long end = System.currentTimeMillis() + 10_000;
            while (!h.board.stage().equals(sc.expectedStage) && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            assertEquals(sc.expectedStage, h.board.stage(), h.output());
            Thread.sleep(150);
            int len = h.output().length();
            Thread.sleep(350);
            assertEquals(sc.expectedStage, h.board.stage());
            assertEquals(len, h.output().length(), "output after the final stage");
        }
    }
}
