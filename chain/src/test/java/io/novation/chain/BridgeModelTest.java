package io.novation.chain;

import io.novation.chain.BridgeModel.Variant;
import io.novation.chain.BridgeModel.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.novation.chain.BridgeModel.Variant.DISHONEST;
import static io.novation.chain.BridgeModel.Variant.DISHONEST_WITH_GATE_IGNORING_UNPAID_WITHDRAWALS;
import static io.novation.chain.BridgeModel.Variant.DISHONEST_WITH_SOLVENCY_GATE;
import static io.novation.chain.BridgeModel.Variant.HONEST;
import static io.novation.chain.BridgeModel.Variant.HONEST_WITH_WITHDRAW_FORGETTING_PAID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge protocol's properties checked by Alloy within the model's bounds ({@link BridgeModel#BOUNDS}, every trace
 * of {@link #STEPS} states, which covers every shorter run since a stutter is always possible): all hold with an
 * honest operator; a dishonest one breaks the money properties and cannot break the others; on the gated contract
 * (proveSolvency counting the committed withdrawals not yet paid, withdraw and the next commitBatch waiting for
 * proofs) the money properties hold while the last committed batch is proven, whatever the operator, and escapes
 * from a batch never proven stay uncovered by design; the gate without the unpaid withdrawals (the contract before
 * batches committed their withdrawal totals) and a withdraw that forgets to mark its withdrawal paid are planted bugs
 * the checks catch. Properties expected to hold are checked together, one solver call per variant; each check prints
 * its solver time (docs/verification.md). The honest variant only adds guards to {@code commitBatch}, so its traces
 * are traces of the dishonest model: what holds there holds for it, and it is checked for the money properties only.
 */
class BridgeModelTest
{
    /** States per trace: seven transitions (deposit, request, grace period, freeze, reclaim, claim period, payout). */
    static final int STEPS = 8;

    private static final String[] MONEY = {"neverPaysMoreThanReceived", "escapesNeverExceedHoldings",
        "everyAccountEscapesWithItsLastBalance"};

    /** What the gate can guarantee while the last committed batch is proven (escapes themselves are not gated). */
    private static final String[] PROVEN_MONEY = {"neverPaysMoreThanReceived", "paysOnlyFromProvenBatches",
        "provenEscapesNeverExceedHoldings", "provenPayoutsPayInFull"};

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldKeepTheMoneyPropertiesWithAnHonestOperator()
    {
        assertHolds(HONEST, MONEY);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldNeverPayTwiceAnswerForcedWithdrawalsOrFreezeAndCommitOnlyFromTheOperatorWhateverTheOperator()
    {
        assertHolds(DISHONEST, "noWithdrawalPaidTwice", "forcedWithdrawalAnsweredOrFrozen", "onlyOperatorCommits");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldPayOnlyFromProvenBatchesAndNeverTwiceOnTheGatedBridgeWhateverTheOperator()
    {
        assertHolds(DISHONEST_WITH_SOLVENCY_GATE, "paysOnlyFromProvenBatches", "noWithdrawalPaidTwice",
            "onlyOperatorCommits");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldCatchAGateWhoseReserveCheckDoesNotCountUnpaidWithdrawals()
    {
        final Verdict verdict = assertBroken(DISHONEST_WITH_GATE_IGNORING_UNPAID_WITHDRAWALS,
            "neverPaysMoreThanReceived");
        assertProvenThenWithdrawn(verdict.counterexample());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldCatchAGateWhoseProvenBatchOwesMoreOnEscapeThroughUncountedWithdrawals()
    {
        final Verdict verdict = assertBroken(DISHONEST_WITH_GATE_IGNORING_UNPAID_WITHDRAWALS,
            "provenEscapesNeverExceedHoldings");
        final ModelTrace trace = verdict.counterexample();
        final ModelTrace.State last = trace.states.get(trace.states.size() - 1);
        assertThat(last.proved()).as("the batch that owes too much is proven").isNotEmpty();
        assertThat(last.committed()).as("a committed batch queues withdrawals").anyMatch(batch ->
            !trace.batchWithdrawals.getOrDefault(batch, java.util.Set.of()).isEmpty());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldKeepTheMoneyPropertiesOfProvenBatchesOnTheGatedBridgeWhateverTheOperator()
    {
        assertHolds(DISHONEST_WITH_SOLVENCY_GATE, PROVEN_MONEY);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetEscapesFromAnUnprovenLastBatchExceedHoldingsOnTheGatedBridge()
    {
        final Verdict verdict = assertBroken(DISHONEST_WITH_SOLVENCY_GATE, "escapesNeverExceedHoldings");
        final ModelTrace.State last = verdict.counterexample().states.get(verdict.counterexample().states.size() - 1);
        assertThat(last.committed()).as("the batch escaped from is committed but never proven")
            .isNotEmpty().isNotEqualTo(last.proved());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetADishonestOperatorOweMoreOnEscapeThanTheBridgeHolds()
    {
        final Verdict verdict = assertBroken(DISHONEST, "escapesNeverExceedHoldings");
        final ModelTrace trace = verdict.counterexample();
        assertThat(trace.states.get(trace.states.size() - 1).committed()).as("a committed batch makes the debt")
            .isNotEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetADishonestOperatorPayOutMoreThanWasReceived()
    {
        final Verdict verdict = assertBroken(DISHONEST, "neverPaysMoreThanReceived");
        assertThat(verdict.counterexample().steps).anyMatch(step -> step.transition().equals("withdraw") ||
            step.transition().equals("payout"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetADishonestOperatorShortAnEscapingAccount()
    {
        final Verdict verdict = assertBroken(DISHONEST, "everyAccountEscapesWithItsLastBalance");
        assertThat(verdict.counterexample().steps).anyMatch(step -> step.transition().equals("payout"));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldCatchAWithdrawThatForgetsToMarkItsWithdrawalPaid()
    {
        final Verdict verdict = assertBroken(HONEST_WITH_WITHDRAW_FORGETTING_PAID, "noWithdrawalPaidTwice");
        assertThat(verdict.counterexample().steps.stream().filter(step -> step.transition().equals("withdraw"))
            .count()).as("the same withdrawal twice").isGreaterThanOrEqualTo(2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetAnEscapeFromAnUnprovenLastBatchBePaidShortOnTheGatedBridge()
    {
        final Verdict verdict = assertBroken(DISHONEST_WITH_SOLVENCY_GATE, "everyAccountEscapesWithItsLastBalance");
        final ModelTrace trace = verdict.counterexample();
        assertThat(trace.steps).anyMatch(step -> step.transition().equals("payout"));
        final ModelTrace.State last = trace.states.get(trace.states.size() - 1);
        assertThat(last.committed()).as("the last batch is never proven").isNotEqualTo(last.proved());
    }

    private static void assertProvenThenWithdrawn(final ModelTrace trace)
    {
        final List<String> taken = trace.steps.stream().map(ModelTrace.Step::transition).toList();
        assertThat(taken).as("a proof, then a withdrawal paid from the proven batch").contains("proveSolvency")
            .contains("withdraw");
        assertThat(taken.indexOf("proveSolvency")).isLessThan(taken.lastIndexOf("withdraw"));
    }

    private static void assertHolds(final Variant variant, final String... properties)
    {
        final Verdict verdict = BridgeModel.check(variant, STEPS, properties);
        report(variant, String.join(", ", properties), verdict);
        assertThat(verdict.holds()).as(String.join(", ", properties) + " (" + variant + "):\n" +
            verdict.counterexample()).isTrue();
    }

    private static Verdict assertBroken(final Variant variant, final String property)
    {
        final Verdict verdict = BridgeModel.check(variant, STEPS, property);
        report(variant, property, verdict);
        assertThat(verdict.holds()).as(property + " (" + variant + ") should have a counterexample").isFalse();
        return verdict;
    }

    private static void report(final Variant variant, final String properties, final Verdict verdict)
    {
        System.out.printf("bridge model: %s [%s] %s in %,d ms (%,d ms CPU)%n", variant, properties,
            verdict.holds() ? "holds" : "has a counterexample", verdict.millis(), verdict.cpuMillis());
        if (!verdict.holds())
        {
            System.out.print(verdict.counterexample());
        }
    }
}
