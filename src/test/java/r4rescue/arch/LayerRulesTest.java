package r4rescue.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;

/**
 * The layers of ARCHITECTURE.md, enforced: link → console → protocol → procedure → face, with
 * {@code board} (data) and {@code util} usable by all, {@code sim} a link provider beside them,
 * {@code bench} on top. Also: JavaFX only in the faces (and the window benchmarks), no simulator in
 * the procedures or the window, and every test class tagged so {@code -Dgroups} can pick a group.
 */
@Tag("unit")
class LayerRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("r4rescue");
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("r4rescue");

    @Test
    void eachLayerDependsOnlyOnTheLayersBelowIt() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("App").definedBy("r4rescue")
                .layer("Util").definedBy("r4rescue.util..")
                .layer("Board").definedBy("r4rescue.board..")
                .layer("Link").definedBy("r4rescue.link..")
                .layer("Console").definedBy("r4rescue.console..")
                .layer("Protocol").definedBy("r4rescue.protocol..")
                .layer("Procedure").definedBy("r4rescue.procedure..")
                .layer("Face").definedBy("r4rescue.face..")
                .layer("Sim").definedBy("r4rescue.sim..")
                .layer("Bench").definedBy("r4rescue.bench..")
                .withOptionalLayers(true)
                .whereLayer("Util").mayNotAccessAnyLayer()
                .whereLayer("Board").mayOnlyAccessLayers("Util")
                .whereLayer("Link").mayOnlyAccessLayers("Board", "Util")
                .whereLayer("Console").mayOnlyAccessLayers("Link", "Board", "Util")
                .whereLayer("Protocol").mayOnlyAccessLayers("Console", "Link", "Board", "Util")
                .whereLayer("Procedure").mayOnlyAccessLayers("Protocol", "Console", "Link", "Board", "Util")
                // the simulator plugs in as a link provider: it knows links and board data, nothing above
                .whereLayer("Sim").mayOnlyAccessLayers("Link", "Board", "Util")
                // App: the launcher, and where the user's files live (AppDirs, Version) for the faces
                .whereLayer("Face").mayOnlyAccessLayers("Procedure", "Protocol", "Console", "Link", "Board", "Util",
                        "Sim", "Bench", "App")
                .whereLayer("Bench").mayOnlyAccessLayers("Face", "Protocol", "Console", "Link", "Board", "Util")
                .whereLayer("Procedure").mayOnlyBeAccessedByLayers("Face")
                .whereLayer("Sim").mayOnlyBeAccessedByLayers("Face")
                .whereLayer("Bench").mayOnlyBeAccessedByLayers("Face");
        layers.check(MAIN);
    }

    /** The window benchmarks drive the real window, so {@code bench} may use JavaFX too. */
    @Test
    void javaFxOnlyInTheFacesAndTheWindowBenchmarks() {
        noClasses().that().resideOutsideOfPackages("r4rescue.face..", "r4rescue.bench..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void noSimulatorInTheProceduresOrTheWindow() {
        noClasses().that().resideInAnyPackage("r4rescue.procedure..", "r4rescue.face.fx..")
                .should().dependOnClassesThat().resideInAPackage("r4rescue.sim..")
                .check(MAIN);
    }

    @Test
    void everyTestClassHasAGroupTag() {
        classes().that(HAVE_TESTS).should(TAGGED).check(TESTS);
    }

    private static final DescribedPredicate<JavaClass> HAVE_TESTS = DescribedPredicate.describe("have test methods",
            c -> c.getMethods().stream().anyMatch(m -> m.isMetaAnnotatedWith(Testable.class)));

    private static final com.tngtech.archunit.lang.ArchCondition<JavaClass> TAGGED =
            new com.tngtech.archunit.lang.ArchCondition<>("be tagged unit, sim, qemu or fx (itself or an enclosing class)") {
                @Override
                public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                        if (k.isAnnotatedWith(Tag.class)) {
                            String tag = k.getAnnotationOfType(Tag.class).value();
                            if (!java.util.Set.of("unit", "sim", "qemu", "fx").contains(tag)) {
                                events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(c,
                                        c.getName() + " has tag '" + tag + "', not one of unit, sim, qemu, fx"));
                            }
                            return;
                        }
                    }
                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(c,
                            c.getName() + " has no @Tag (unit, sim, qemu or fx)"));
                }
            };
}
