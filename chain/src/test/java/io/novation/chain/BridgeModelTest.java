package io.novation.chain;

import io.novation.chain.BridgeModel.Variant;
import io.novation.chain.BridgeModel.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static io.novation.chain.BridgeModel.Variant.DISHONEST;
import static io.novation.chain.BridgeModel.Variant.DISHONEST_WITH_SOLVENCY_PROOFS;
import static io.novation.chain.BridgeModel.Variant.HONEST;
import static io.novation.chain.BridgeModel.Variant.HONEST_WITH_WITHDRAW_FORGETTING_PAID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge protocol's properties checked by Alloy within the model's bounds ({@link BridgeModel#BOUNDS}, traces of
 * {@link #STEPS} states): all hold with an honest operator; a dishonest one breaks the money properties unless its
 * batches are proven solvent, and cannot break the others; a withdraw that forgets to mark its withdrawal paid is
 * caught. Each check prints its solver time (docs/verification.md).
 */
class BridgeModelTest
{
    /** States per trace: enough for deposit, batch, request, grace, freeze, escape, claim period, payout. */
    static final int STEPS = 9;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldNeverPayMoreThanReceivedWithAnHonestOperator()
    {
        assertHolds(HONEST, "neverPaysMoreThanReceived");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldNeverPayAWithdrawalTwice()
    {
        assertHolds(HONEST, "noWithdrawalPaidTwice");
        assertHolds(DISHONEST, "noWithdrawalPaidTwice");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldAnswerEveryForcedWithdrawalOrFreezeWhateverTheOperator()
    {
        assertHolds(HONEST, "forcedWithdrawalAnsweredOrFrozen");
        assertHolds(DISHONEST, "forcedWithdrawalAnsweredOrFrozen");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldOweNoMoreOnEscapeThanTheBridgeHoldsWithAnHonestOperator()
    {
        assertHolds(HONEST, "escapesNeverExceedHoldings");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldPayEveryEscapingAccountExactlyItsLastCommittedBalanceWithAnHonestOperator()
    {
        assertHolds(HONEST, "everyAccountEscapesWithItsLastBalance");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetNoActorButTheOperatorCommitARoot()
    {
        assertHolds(HONEST, "onlyOperatorCommits");
        assertHolds(DISHONEST, "onlyOperatorCommits");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetADishonestOperatorOweMoreOnEscapeThanTheBridgeHolds()
    {
        final Verdict verdict = assertBroken(DISHONEST, "escapesNeverExceedHoldings");
        final ModelTrace.State last = verdict.counterexample().states.get(verdict.counterexample().states.size() - 1);
        assertThat(last.committed()).as("a committed batch makes the debt").isNotEmpty();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLetADishonestOperatorPayOutMoreThanWasReceived()
    {
        assertBroken(DISHONEST, "neverPaysMoreThanReceived");
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
    void shouldKeepTheMoneyPropertiesAgainstADishonestOperatorWhenBatchesAreProvenSolvent()
    {
        assertHolds(DISHONEST_WITH_SOLVENCY_PROOFS, "escapesNeverExceedHoldings");
        assertHolds(DISHONEST_WITH_SOLVENCY_PROOFS, "neverPaysMoreThanReceived");
        assertHolds(DISHONEST_WITH_SOLVENCY_PROOFS, "everyAccountEscapesWithItsLastBalance");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldCatchAWithdrawThatForgetsToMarkItsWithdrawalPaid()
    {
        final Verdict verdict = assertBroken(HONEST_WITH_WITHDRAW_FORGETTING_PAID, "noWithdrawalPaidTwice");
        assertThat(verdict.counterexample().steps.stream().filter(step -> step.transition().equals("withdraw"))
            .count()).as("the same withdrawal twice").isGreaterThanOrEqualTo(2);
    }

    private static Verdict assertHolds(final Variant variant, final String property)
    {
        final Verdict verdict = BridgeModel.check(variant, property, STEPS);
        report(variant, property, verdict);
        assertThat(verdict.holds()).as(property + " (" + variant + "):\n" + verdict.counterexample()).isTrue();
        return verdict;
    }

    private static Verdict assertBroken(final Variant variant, final String property)
    {
        final Verdict verdict = BridgeModel.check(variant, property, STEPS);
        report(variant, property, verdict);
        assertThat(verdict.holds()).as(property + " (" + variant + ") should have a counterexample").isFalse();
        return verdict;
    }

    private static void report(final Variant variant, final String property, final Verdict verdict)
    {
        System.out.printf("bridge model: %-40s %-38s %-15s %,7d ms%n", property, variant,
            verdict.holds() ? "holds" : "counterexample", verdict.millis());
        if (!verdict.holds())
        {
            System.out.print(verdict.counterexample());
        }
    }
}
