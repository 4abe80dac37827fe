package io.novation.sim.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import java.util.List;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The hosts' architecture as ArchUnit rules over bytecode (docs/architecture.md): node, cluster and sim read the
 * core's state and call no mutator of it (they change it only through {@code ClearingEngine.apply}), and sim reaches
 * the node only through the node's public client surface and the client module, which depends on the core only.
 * <p>
 * Each package pattern also matches {@code io.novation.archfixture}, the test-only package of planted violations, so
 * that the very rule objects checked against the production classes are shown to fail on a violation.
 */
final class HostArchitecture
{
    /** The core's state: the books and the engine that holds them. */
    static final String STATE_PACKAGES =
        "io.novation.core.(account|market|oracle|surface|funding|clearing|engine|liquidation)\\.[A-Za-z$]+";

    /**
     * Names of methods that change state: the verbs of the mutators of the core's books. Every other method of a
     * book that returns nothing (a field-named setter such as {@code OracleBook.time(long)}) is a mutator too, except
     * the reads in {@link #VOID_READS}.
     */
    static final Pattern MUTATOR = Pattern.compile(
        "(set|add|apply|remove|restore|credit|debit|record|mark|consume|claim|clear|touch|refresh|register|" +
        "ensure|prune|seal|fix|reset|drain|accrue|settle|close|update|replace|deposit|withdraw|transfer|" +
        "liquidate|socialize|increment|decrement|move|adjust|change|publish)([A-Z].*)?");

    /**
     * Methods of the books that return nothing yet only read: visitors that hand each entry to a callback, and the
     * state commitment's {@code accountKey}, which writes an account's tree key into the caller's buffer.
     */
    static final List<String> VOID_READS = List.of("forEach", "lookUp", "accountKey");

    /**
     * The sanctioned entries of the engine facade: {@code apply}, the one way to change the state from outside the
     * core, and {@code eventSink}, which chooses where events go (host wiring, not state).
     */
    static final List<String> SANCTIONED = List.of(
        "io.novation.core.engine.ClearingEngine.apply",
        "io.novation.core.engine.ClearingEngine.eventSink");

    static final DescribedPredicate<JavaMethodCall> STATE_MUTATOR = DescribedPredicate.describe(
        "a state mutator of the core",
        call -> call.getTargetOwner().getName().matches(STATE_PACKAGES) &&
            (MUTATOR.matcher(call.getName()).matches() ||
                returnsNothing(call) && !VOID_READS.contains(call.getName())) &&
            !SANCTIONED.contains(call.getTargetOwner().getName() + "." + call.getName()));

    /** Node, cluster and sim call no state mutator of the core. */
    static final ArchRule HOSTS_CALL_NO_STATE_MUTATOR = noClasses()
        .that().resideInAnyPackage("io.novation.[node|cluster|sim|archfixture]..")
        .should().callMethodWhere(STATE_MUTATOR)
        .as("node, cluster and sim change core state only through ClearingEngine.apply");

    /**
     * The node's public client surface: what a simulator, a keeper or a demo may use (start a node, its configuration
     * and genesis, sign and encode commands, read journals and state reports).
     */
    static final List<String> NODE_CLIENT_SURFACE = List.of(
        "io.novation.node.server.Node",
        "io.novation.node.server.NodeConfig",
        "io.novation.node.admission.AdmissionLimits",
        "io.novation.node.server.Genesis",
        "io.novation.node.sequencer.Authority",
        "io.novation.node.sequencer.CommandOutcome",
        "io.novation.node.sequencer.JournalPayload",
        "io.novation.node.json.CommandEncoder",
        "io.novation.node.json.Json",
        "io.novation.node.report.StateReport",
        "io.novation.node.journal.Journal",
        "io.novation.node.journal.JournalReplayer",
        "io.novation.node.journal.JournalObserver",
        "io.novation.node.journal.ReplayedRecord",
        "io.novation.node.cli.SubcommandProvider",
        // the signature path the node verifies with, so the bench measures its bound on the same path
        "io.novation.node.verification.SignerRecoveries",
        // a sealed batch as GET /v1/batches/{n} publishes it (header, withdrawals and their proofs), for the bridge
        "io.novation.node.batch.SealedBatch",
        // a sealed batch's solvency tree rebuilt offline from a stopped node's data directory, as novation
        // prove-solvency builds it, for the demo's --prove
        "io.novation.node.batch.SolvencyTrees");

    static final DescribedPredicate<JavaClass> NODE_INTERNAL = DescribedPredicate.describe(
        "node classes outside its client surface " + NODE_CLIENT_SURFACE,
        type -> type.getPackageName().startsWith("io.novation.node") &&
            NODE_CLIENT_SURFACE.stream().noneMatch(
                name -> type.getName().equals(name) || type.getName().startsWith(name + "$")));

    /** Sim reaches the node only through the node's client surface. */
    static final ArchRule SIM_USES_NODE_CLIENT_SURFACE = noClasses()
        .that().resideInAnyPackage("io.novation.[sim|archfixture]..")
        .should().dependOnClassesThat(NODE_INTERNAL)
        .as("sim reaches the node only through its client surface");

    /** The client module depends on the core only: never on the node, cluster, chain or sim. */
    static final ArchRule CLIENT_DEPENDS_ON_CORE_ONLY = noClasses()
        .that().resideInAnyPackage("io.novation.client..", "io.novation.archfixture.clientreach..")
        .should().dependOnClassesThat().resideInAnyPackage("io.novation.node..", "io.novation.cluster..",
            "io.novation.chain..", "io.novation.sim..")
        .as("the client depends on the core only");

    private HostArchitecture()
    {
    }

    private static boolean returnsNothing(final JavaMethodCall call)
    {
        return call.getTarget().getReturnType().toErasure().getName().equals("void");
    }

    /**
     * The main classes of node, cluster, client and sim.
     *
     * @return the imported classes.
     */
    static JavaClasses hostClasses()
    {
        return new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.novation.node", "io.novation.cluster", "io.novation.client", "io.novation.sim");
    }

    /**
     * The planted violations of one fixture package.
     *
     * @param fixturePackage a package under {@code io.novation.archfixture}.
     * @return the imported classes.
     */
    static JavaClasses fixture(final String fixturePackage)
    {
        return new ClassFileImporter().importPackages(fixturePackage);
    }
}
