package com.leadfactory.lineage;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rooms of the house and the doors between them (docs/ARCHITECTURE.md, 'Rooms'): no package cycles, the
 * shared vocabulary depends on nothing, and each package uses only the packages written down here. A new package
 * needs a line below (and in the document) saying what it may use.
 */
@AnalyzeClasses(packages = ArchitectureTest.ROOT, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String ROOT = "com.leadfactory.lineage";

    /** Package -> the project packages it may use (libraries are free). */
    static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("problem", Set.of()),
            Map.entry("caller", Set.of()),
            Map.entry("config", Set.of()),
            Map.entry("db", Set.of("problem")),
            Map.entry("schema", Set.of()),
            Map.entry("routes", Set.of("db")),
            Map.entry("panel", Set.of()),
            Map.entry("web", Set.of("problem", "caller")),
            Map.entry("capture", Set.of("problem", "caller", "config", "db", "web")),
            Map.entry("query", Set.of("problem", "caller", "db", "web")),
            Map.entry("ingest", Set.of("problem", "config", "capture")),
            Map.entry("stats", Set.of("config", "ingest")),
            Map.entry("reconcile", Set.of("config", "db", "query")),
            Map.entry("retention", Set.of("config", "db")),
            Map.entry("openlineage", Set.of("problem", "caller", "config", "db", "capture")),
            Map.entry(
                    "api",
                    Set.of("problem", "caller", "capture", "query", "stats", "auditlog", "openlineage", "compare")),
            Map.entry("compare", Set.of("problem", "caller", "config", "db", "query")),
            Map.entry("templates", Set.of()),
            Map.entry("security", Set.of("problem", "caller", "web", "api")),
            Map.entry("audit", Set.of("problem", "caller", "config", "db", "web", "api", "security")),
            Map.entry("availability", Set.of("problem", "web")),
            Map.entry("demo", Set.of("db", "security")),
            Map.entry("hold", Set.of("problem", "caller", "db", "query")),
            Map.entry("trail", Set.of("problem", "caller", "config", "db", "query", "audit", "auditlog")),
            Map.entry("auditlog", Set.of("problem", "config")));

    @ArchTest
    static final ArchRule noCyclesBetweenPackages =
            slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSharedVocabularyDependsOnNoOtherPackage = classes()
            .that()
            .resideInAnyPackage(ROOT + ".problem..", ROOT + ".caller..")
            .should()
            .onlyDependOnClassesThat(
                    not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(ROOT + ".problem..", ROOT + ".caller..")))
            .because("problems and callers are the words every package shares");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemo = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + ".demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".demo..")
            .because("the demo plugs into the service (e.g. as a security.ClientSource), never the reverse");

    @ArchTest
    static final ArchRule queryDoesNotDependOnCapture = noClasses()
            .that()
            .resideInAPackage(ROOT + ".query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + ".capture..")
            .because("the read side reads rows, it does not know how they were written");

    @ArchTest
    static void everyPackageIsWrittenDown(JavaClasses classes) {
        Set<String> packages = new TreeSet<>();
        for (JavaClass type : classes) {
            String name = type.getPackageName();
            if (name.startsWith(ROOT + ".")) {
                packages.add(name.substring(ROOT.length() + 1).split("\\.")[0]);
            }
        }
        assertThat(MAY_USE.keySet())
                .as("packages with a line in ArchitectureTest.MAY_USE (and docs/ARCHITECTURE.md)")
                .containsExactlyInAnyOrderElementsOf(packages);
    }

    @ArchTest
    static void everyPackageUsesOnlyWhatItMay(JavaClasses classes) {
        for (var room : MAY_USE.entrySet()) {
            String[] allowed = Stream.concat(Stream.of(room.getKey()), room.getValue().stream())
                    .map(p -> ROOT + "." + p + "..")
                    .toArray(String[]::new);
            classes()
                    .that()
                    .resideInAPackage(ROOT + "." + room.getKey() + "..")
                    .should()
                    .onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAnyPackage(allowed)))
                    .allowEmptyShould(true)
                    .as(room.getKey() + " uses only " + room.getValue())
                    .check(classes);
        }
    }
}
