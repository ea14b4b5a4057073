package r4rescue.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One name, one meaning: no two top-level classes of the program share a simple name, even in
 * different packages or spelled with other capitals (BootWatch twice, Bootargs beside BootArgs and
 * two BoardStates were how a newcomer picked the wrong one).
 */
@Tag("unit")
class NameRulesTest {

    @Test
    void noTwoClassesShareASimpleName() {
        Map<String, List<String>> byName = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("r4rescue").stream()
                .filter(c -> c.isTopLevelClass() && !c.getSimpleName().equals("package-info"))
                .collect(Collectors.groupingBy(c -> c.getSimpleName().toLowerCase(Locale.ROOT), TreeMap::new,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        Map<String, List<String>> clashes = new TreeMap<>(byName);
        clashes.values().removeIf(l -> l.size() < 2);
        assertEquals(Map.of(), clashes, "classes that share a simple name");
    }
}
