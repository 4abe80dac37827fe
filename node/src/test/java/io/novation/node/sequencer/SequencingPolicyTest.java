package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.Deposit;
import io.novation.core.command.SetMarketStatus;
import io.novation.core.command.Withdraw;
import io.novation.core.market.MarketStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequencingPolicyTest
{
    private static final Address OWNER = Address.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        16, 17, 18, 19, 20});

    private long clock = 1_000_000;
    private final SequencingPolicy policy = new SequencingPolicy(() -> clock, 5_000, BatchSchedule.never(), 0, 0);

    @Test
    void shouldStampACommandWithoutTimeWithTheClockButNeverBeforeTheLastAssignedTime()
    {
        final Stamp first = policy.stamp(deposit(0, 1), false, 0);
        assertThat(first.admitted()).isTrue();
        assertThat(first.time()).isEqualTo(1_000_000);
        assertThat(first.command().time()).isEqualTo(1_000_000);
        policy.sequenced(first, true);

        clock = 999_000;
        final Stamp second = policy.stamp(deposit(0, 2), false, 0);
        assertThat(second.time()).isEqualTo(1_000_000);
        assertThat(second.command().time()).isEqualTo(1_000_000);
    }

    @Test
    void shouldKeepAnExplicitTimeWithinTheFutureBound()
    {
        final Stamp stamp = policy.stamp(deposit(1_005_000, 1), true, 0);
        assertThat(stamp.admitted()).isTrue();
        assertThat(stamp.time()).isEqualTo(1_005_000);
        policy.sequenced(stamp, true);
        assertThat(policy.lastTime()).isEqualTo(1_005_000);
    }

    @Test
    void shouldRefuseAnExplicitTimeFurtherAheadOfTheClockThanTheConfiguredBound()
    {
        final Stamp stamp = policy.stamp(deposit(1_005_001, 1), true, 0);
        assertThat(stamp.admitted()).isFalse();
        assertThat(stamp.refusal().code()).isEqualTo("TIME_IN_FUTURE");
        assertThat(stamp.refusal().status()).isEqualTo(400);
        assertThat(policy.lastTime()).isZero();
    }

    @Test
    void shouldRefuseAnExplicitTimeBeforeTheLastAssignedTime()
    {
        policy.sequenced(policy.stamp(deposit(0, 1), false, 0), true);
        final Stamp stamp = policy.stamp(deposit(999_999, 2), true, 0);
        assertThat(stamp.refusal().code()).isEqualTo("TIME_NOT_MONOTONIC");
        assertThat(stamp.refusal().status()).isEqualTo(409);
        assertThat(policy.lastTime()).isEqualTo(1_000_000);
    }

    @Test
    void shouldRefuseAGovernanceNonceThatDoesNotRiseAboveTheLastSequenced()
    {
        final SetMarketStatus halt = new SetMarketStatus(0, 0, MarketStatus.HALTED);
        policy.sequenced(policy.stamp(halt, false, 7), true);
        assertThat(policy.authorityNonce()).isEqualTo(7);

        final Stamp reused = policy.stamp(halt, false, 7);
        assertThat(reused.refusal().code()).isEqualTo("AUTHORITY_NONCE_REUSED");
        assertThat(reused.refusal().status()).isEqualTo(409);
        final Stamp next = policy.stamp(halt, false, 8);
        assertThat(next.admitted()).isTrue();
        assertThat(next.authorityNonce()).isEqualTo(8);
        assertThat(policy.authorityNonce()).isEqualTo(7);
    }

    @Test
    void shouldRefuseANonceOnACommandThatNoGovernanceEnvelopeCarries()
    {
        final Stamp stamp = policy.stamp(deposit(0, 1), false, 3);
        assertThat(stamp.refusal().code()).isEqualTo("INVALID_COMMAND");
        assertThat(policy.authorityNonce()).isZero();
    }

    @Test
    void shouldSealWhenIdleOnlyOnceTheIntervalPassedOnTheClock()
    {
        final SequencingPolicy sealing = new SequencingPolicy(() -> clock, 5_000, new BatchSchedule(0, 60_000,
            1_000_000), 1_000_000, 0);
        final Stamp stamp = sealing.stamp(deposit(0, 1), false, 0);
        sealing.sequenced(stamp, true);
        sealing.schedule().sequenced(1, new byte[] {1}, 0, 1);
        assertThat(sealing.sealDueAfterCommand()).isFalse();
        clock = 1_059_999;
        assertThat(sealing.sealDueWhenIdle()).isFalse();
        clock = 1_060_000;
        assertThat(sealing.sealDueWhenIdle()).isTrue();
    }

    @Test
    void shouldNotAdvanceTheClockForACommandTheEngineRejected()
    {
        final Stamp pushed = policy.stamp(deposit(1_004_500, 1), true, 0);
        assertThat(pushed.admitted()).isTrue();
        policy.sequenced(pushed, false);
        assertThat(policy.lastTime()).isZero();

        final Stamp honest = policy.stamp(deposit(1_000_001, 2), true, 0);
        assertThat(honest.admitted()).isTrue();
        assertThat(honest.time()).isEqualTo(1_000_001);
    }

    @Test
    void shouldHoldOwnerSignedCommandsToTheOwnerBoundAheadOfTheClock()
    {
        final SequencingPolicy owners = new SequencingPolicy(() -> clock, 5_000, 1_000, BatchSchedule.never(), 0, 0);
        final Withdraw ahead = new Withdraw(1_001_001, OWNER, 0, 0, 1, 1, null);
        final Stamp refused = owners.stamp(ahead, true, 0);
        assertThat(refused.refusal().code()).isEqualTo("TIME_IN_FUTURE");
        assertThat(owners.stamp(new Withdraw(1_001_000, OWNER, 0, 0, 1, 1, null), true, 0).admitted()).isTrue();
        assertThat(owners.stamp(deposit(1_005_000, 1), true, 0).admitted()).isTrue();
    }

    private static Deposit deposit(final long time, final long id)
    {
        return new Deposit(time, OWNER, 0, 0, 1_000_000, id);
    }
}
