package io.novation.sim.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Node, cluster and sim keep to the core's read-only views, sim to the node's client surface and the client module,
 * and the client to the core (docs/architecture.md); each rule fails on a planted violation.
 */
class HostArchitectureTest
{
    private static JavaClasses hosts;

    @BeforeAll
    static void importHosts()
    {
        hosts = HostArchitecture.hostClasses();
    }

    @Test
    void shouldChangeCoreStateOnlyThroughTheEngineFacade()
    {
        HostArchitecture.HOSTS_CALL_NO_STATE_MUTATOR.check(hosts);
    }

    @Test
    void shouldFailTheMutatorRuleOnAHostThatAddsAnAssetBehindTheEnginesBack()
    {
        assertFails(HostArchitecture.HOSTS_CALL_NO_STATE_MUTATOR, "io.novation.archfixture.host", "addAsset");
    }

    @Test
    void shouldReachTheNodeOnlyThroughItsClientSurface()
    {
        HostArchitecture.SIM_USES_NODE_CLIENT_SURFACE.check(hosts);
    }

    @Test
    void shouldFailTheClientSurfaceRuleOnASimulatorThatReachesTheHttpLayer()
    {
        assertFails(HostArchitecture.SIM_USES_NODE_CLIENT_SURFACE, "io.novation.archfixture.simreach", "HttpApi");
    }

    @Test
    void shouldKeepTheClientOnTheCoreOnly()
    {
        HostArchitecture.CLIENT_DEPENDS_ON_CORE_ONLY.check(hosts);
    }

    @Test
    void shouldFailTheClientRuleOnAClientThatUsesTheNodesJson()
    {
        assertFails(HostArchitecture.CLIENT_DEPENDS_ON_CORE_ONLY, "io.novation.archfixture.clientreach", "Json");
    }

    private static void assertFails(final ArchRule rule, final String fixturePackage, final String violation)
    {
        final JavaClasses planted = HostArchitecture.fixture(fixturePackage);
        assertThatThrownBy(() -> rule.check(planted))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining(violation);
    }
}
