package io.novation.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core keeps its architecture (docs/architecture.md), and each rule fails on a planted violation.
 */
class CoreArchitectureTest
{
    private static JavaClasses core;

    @BeforeAll
    static void importCore()
    {
        core = CoreArchitecture.mainClasses();
    }

    @Test
    void shouldKeepCorePackagesFreeOfCycles()
    {
        CoreArchitecture.NO_PACKAGE_CYCLES.check(core);
    }

    @Test
    void shouldFailTheCycleRuleOnTwoPackagesThatUseEachOther()
    {
        assertFails(CoreArchitecture.NO_PACKAGE_CYCLES, "Ping", "io.novation.archfixture.cyclea",
            "io.novation.archfixture.cycleb");
    }

    @Test
    void shouldKeepModelBelowRulesBelowEngineBelowSnapshot()
    {
        CoreArchitecture.LAYERS.check(core);
    }

    @Test
    void shouldFailTheLayerRuleOnAModelClassThatReachesTheEngine()
    {
        assertFails(CoreArchitecture.LAYERS, "MarketReadsEngine", "io.novation.archfixture.market");
    }

    @Test
    void shouldKeepCoreFreeOfIoThreadsClocksAndRandomness()
    {
        CoreArchitecture.DETERMINISTIC.check(core);
    }

    @Test
    void shouldFailTheDeterminismRuleOnAWallClockRead()
    {
        assertFails(CoreArchitecture.DETERMINISTIC, "currentTimeMillis", "io.novation.archfixture.clock");
    }

    @Test
    void shouldFailTheDeterminismRuleOnRandomness()
    {
        assertFails(CoreArchitecture.DETERMINISTIC, "java.util.Random", "io.novation.archfixture.clock");
    }

    @Test
    void shouldRestoreStateOnlyFromTheSnapshotCodec()
    {
        CoreArchitecture.RESTORE_ONLY_FROM_SNAPSHOT.check(core);
    }

    @Test
    void shouldFailTheRestoreRuleOnAnotherPackageRestoringState()
    {
        assertFails(CoreArchitecture.RESTORE_ONLY_FROM_SNAPSHOT, "RestoresState", "io.novation.archfixture.market");
    }

    private static void assertFails(final ArchRule rule, final String violation, final String... fixturePackages)
    {
        final JavaClasses planted = CoreArchitecture.fixture(fixturePackages);
        assertThatThrownBy(() -> rule.check(planted))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(violation);
    }
}
