package io.novation.node.admission;

import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionControlTest
{
    private static final long SECOND = 1_000_000_000L;

    private long now = 5 * SECOND;
    private final NodeMetrics metrics = new NodeMetrics();
    private final AdmissionControl admission = new AdmissionControl(new AdmissionLimits(10, 2, 4, 1, 5, 2),
        () -> now, metrics);

    @Test
    void shouldRefuseAnIpOverItsBurstWithTheSecondsUntilItsBucketHoldsTheWeight() throws Refusal
    {
        admission.chargeIp("10.0.0.1", 7);
        assertThatThrownBy(() -> admission.chargeIp("10.0.0.1", 7))
            .isInstanceOfSatisfying(Refusal.class, refusal ->
            {
                assertThat(refusal.status()).isEqualTo(429);
                assertThat(refusal.code()).isEqualTo("RATE_LIMITED");
                assertThat(refusal.retryAfterSeconds()).isEqualTo(2);
            });
        assertThat(metrics.admissionRefusedCount(AdmissionControl.IP)).isEqualTo(1);
        now += 2 * SECOND;
        admission.chargeIp("10.0.0.1", 7);
    }

    @Test
    void shouldKeepEachClientsBucketApart() throws Refusal
    {
        admission.chargeIp("10.0.0.1", 10);
        admission.chargeIp("10.0.0.2", 10);
        assertThatThrownBy(() -> admission.chargeIp("10.0.0.1", 1)).isInstanceOf(Refusal.class);
        admission.chargeAccount("0xaa", 4);
        assertThatThrownBy(() -> admission.chargeAccount("0xaa", 1))
            .isInstanceOfSatisfying(Refusal.class, refusal -> assertThat(refusal.retryAfterSeconds()).isEqualTo(1));
        admission.chargeAccount("0xbb", 4);
        assertThat(metrics.admissionRefusedCount(AdmissionControl.ACCOUNT)).isEqualTo(1);
    }

    @Test
    void shouldNeverRefillABucketBeyondItsBurst() throws Refusal
    {
        now += 3_600 * SECOND;
        admission.chargeIp("10.0.0.1", 10);
        assertThatThrownBy(() -> admission.chargeIp("10.0.0.1", 1)).isInstanceOf(Refusal.class);
    }

    @Test
    void shouldForgetIdleClientsOnceTheTrackedBoundIsReachedSoANewClientStartsFull() throws Refusal
    {
        admission.chargeIp("10.0.0.1", 10);
        admission.chargeIp("10.0.0.2", 1);
        now += 10 * SECOND;
        admission.chargeIp("10.0.0.3", 10);
        assertThat(metrics.toPrometheus()).contains("novation_admission_tracked_ips 1");
    }

    @Test
    void shouldBoundCommandsInVerificationAndAnswer503WithRetryAfterUntilAPermitIsReleased() throws Refusal
    {
        final AdmissionControl.Permit first = admission.enterVerification(3);
        admission.enterVerification(2);
        assertThatThrownBy(() -> admission.enterVerification(1))
            .isInstanceOfSatisfying(Refusal.class, refusal ->
            {
                assertThat(refusal.status()).isEqualTo(503);
                assertThat(refusal.code()).isEqualTo("VERIFIER_BUSY");
                assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
            });
        assertThat(metrics.toPrometheus()).contains("novation_admission_verifying_commands 5");
        first.release();
        first.release();
        admission.enterVerification(3);
        assertThat(metrics.admissionRefusedCount(AdmissionControl.VERIFICATION_QUEUE)).isEqualTo(1);
    }

    @Test
    void shouldAdmitARequestLargerThanTheBoundAloneByGivingItEveryPlace() throws Refusal
    {
        final AdmissionControl.Permit all = admission.enterVerification(1_000);
        assertThatThrownBy(() -> admission.enterVerification(1)).isInstanceOf(Refusal.class);
        all.release();
        admission.enterVerification(1);
    }
}
