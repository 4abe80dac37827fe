package io.novation.core.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core's architecture as ArchUnit rules over bytecode (docs/architecture.md): package slices without cycles,
 * the layers model ← rules ← engine ← snapshot, no I/O, threads, clocks or randomness, and state restore only from
 * the snapshot codec.
 * <p>
 * Each package pattern also matches {@code io.novation.archfixture}, the test-only package of planted violations, so
 * that the very rule objects checked against the production classes are shown to fail on a violation. Production
 * checks import the main classes only, where no archfixture class exists.
 */
final class CoreArchitecture
{
    /** The core's root, and the fixtures' root standing in for it. */
    static final String CORE = "io.novation.[core|archfixture]";

    /** Every slice {@code io.novation.core.X..} is free of cycles with every other. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(CORE + ".(*)..")
        .should().beFreeOfCycles()
        .as("core packages are free of cycles");

    /**
     * The layers: the model (values, books, command records, events, codecs, Merkle commitments) ← the pure rules
     * (margin, liquidation maths) ← the engine (the command handlers, the state they share, the facade) ← the
     * snapshot codec.
     */
    static final ArchRule LAYERS = layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .withOptionalLayers(true)
        .layer("Model").definedBy(
            CORE + ".money..", CORE + ".crypto..", CORE + ".pricing..", CORE + ".account..",
            CORE + ".commitment..", CORE + ".funding..", CORE + ".market..", CORE + ".oracle..",
            CORE + ".surface..", CORE + ".command..", CORE + ".event..", CORE + ".clearing..", CORE + ".codec..",
            CORE + ".governance..")
        .layer("Rules").definedBy(CORE + ".margin..", CORE + ".liquidation..", CORE + ".risk..")
        .layer("Engine").definedBy(CORE + ".engine..")
        .layer("Snapshot").definedBy(CORE + ".snapshot..")
        .whereLayer("Model").mayOnlyAccessLayers("Model")
        .whereLayer("Rules").mayOnlyAccessLayers("Model", "Rules")
        .whereLayer("Engine").mayOnlyAccessLayers("Model", "Rules", "Engine")
        .whereLayer("Snapshot").mayNotBeAccessedByAnyLayer()
        .as("core layers: model <- rules <- engine <- snapshot");

    /**
     * Types that bring I/O, threads, wall clocks or randomness. {@code java.io.Serializable} is the one {@code java.io}
     * type allowed: a marker interface with no I/O that javac writes into the bytecode of exceptions (the codecs'
     * {@code CodecException}) and of inferred intersection types. Byte order and charsets ({@code java.nio.ByteOrder},
     * {@code java.nio.charset}) are pure encodings and stay allowed.
     */
    static final DescribedPredicate<JavaClass> NONDETERMINISTIC = resideInAnyPackage(
        "java.io..", "java.nio.file..", "java.nio.channels..", "java.net..", "java.util.concurrent..",
        "java.time..", "java.security..", "java.util.logging..", "org.agrona.concurrent..",
        "org.bouncycastle.crypto.prng..")
        .and(DescribedPredicate.not(type(java.io.Serializable.class)))
        .or(assignableTo(Thread.class)).or(assignableTo(ThreadLocal.class)).or(assignableTo(java.util.Random.class))
        .or(assignableTo(java.util.SplittableRandom.class)).or(assignableTo(java.util.Timer.class))
        .or(type(Runtime.class)).or(type(ProcessBuilder.class))
        .as("I/O, threads, clocks or randomness");

    /** The core is a pure state machine: no I/O, threads, clocks, randomness or console. */
    static final ArchRule DETERMINISTIC = noClasses().that().resideInAPackage(CORE + "..")
        .should().dependOnClassesThat(NONDETERMINISTIC)
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(Math.class, "random")
        .orShould().callMethod(StrictMath.class, "random")
        .orShould().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .orShould().accessField(System.class, "in")
        .as("core uses no I/O, threads, clocks or randomness");

    /** Only the snapshot codec (and the engine that defines it) restores state. */
    static final ArchRule RESTORE_ONLY_FROM_SNAPSHOT = classes()
        .that().haveFullyQualifiedName("io.novation.core.engine.SnapshotRestore")
        .should().onlyBeAccessed().byAnyPackage("io.novation.core.engine..", "io.novation.core.snapshot..")
        .as("only the snapshot codec restores engine state");

    private CoreArchitecture()
    {
    }

    /**
     * The core's main classes (no test classes).
     *
     * @return the imported classes.
     */
    static JavaClasses mainClasses()
    {
        return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.novation.core");
    }

    /**
     * The planted violations of fixture packages, with the core's main classes they reach.
     *
     * @param fixturePackages packages under {@code io.novation.archfixture}.
     * @return the imported classes.
     */
    static JavaClasses fixture(final String... fixturePackages)
    {
        return new ClassFileImporter()
            .withImportOption(location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) ||
                Arrays.stream(fixturePackages).anyMatch(p -> location.contains("/" + p.replace('.', '/') + "/")))
            .importPackages(Stream.concat(Stream.of("io.novation.core"), Arrays.stream(fixturePackages))
                .toArray(String[]::new));
    }
}
