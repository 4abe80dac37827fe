package io.novation.node.admission;

import io.novation.node.metrics.NodeMetrics;
import io.novation.node.sequencer.Refusal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Decides whether a request may go on to signature verification: it charges the request's weight (weight units, see
 * {@link RequestWeights}) to its client IP's and its signing accounts' token buckets, refusing with 429
 * {@code RATE_LIMITED} and a {@code Retry-After} in seconds when one runs short, and it bounds the commands waiting
 * for or undergoing verification, refusing with 503 {@code VERIFIER_BUSY} beyond. Each refusal is counted in the
 * metrics by limit. Thread-safe.
 */
public final class AdmissionControl
{
    /** The limit names used in the metrics. */
    public static final String IP = "ip";
    public static final String ACCOUNT = "account";
    public static final String VERIFICATION_QUEUE = "verification_queue";
    public static final String UNREGISTERED_PUBLISHERS = "unregistered_publishers";

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final AdmissionLimits limits;
    private final LongSupplier nanoClock;
    private final NodeMetrics metrics;
    private final Map<String, TokenBucket> ips = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> accounts = new ConcurrentHashMap<>();
    private final Semaphore verifying;

    /**
     * Admission control within limits.
     *
     * @param limits    the limits.
     * @param nanoClock {@link System#nanoTime()} or a test's clock.
     * @param metrics   where refusals are counted and the queue's depth is published.
     */
    public AdmissionControl(final AdmissionLimits limits, final LongSupplier nanoClock, final NodeMetrics metrics)
    {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.metrics = metrics;
        this.verifying = new Semaphore(limits.maxVerifying());
        metrics.gauge("novation_admission_verifying_commands",
            () -> limits.maxVerifying() - verifying.availablePermits());
        metrics.gauge("novation_admission_tracked_ips", () -> ips.size());
        metrics.gauge("novation_admission_tracked_accounts", () -> accounts.size());
    }

    /**
     * Charges a request to its client IP.
     *
     * @param ip     the client address as the server sees it.
     * @param weight the request's weight.
     * @throws Refusal 429 {@code RATE_LIMITED} when the IP's bucket does not hold the weight.
     */
    public void chargeIp(final String ip, final long weight) throws Refusal
    {
        charge(ips, ip, weight, limits.ipBurst(), limits.ipPerSecond(), IP, "client " + ip);
    }

    /**
     * Charges a request's commands to an account that signs them.
     *
     * @param account the account, as its address text.
     * @param weight  the weight of its commands in the request.
     * @throws Refusal 429 {@code RATE_LIMITED} when the account's bucket does not hold the weight.
     */
    public void chargeAccount(final String account, final long weight) throws Refusal
    {
        charge(accounts, account, weight, limits.accountBurst(), limits.accountPerSecond(), ACCOUNT,
            "account " + account);
    }

    /**
     * Admits commands to signature verification; the caller releases the permit once they are verified or refused.
     *
     * @param commands how many commands the request holds.
     * @return the permit.
     * @throws Refusal 503 {@code VERIFIER_BUSY} when the queue is full.
     */
    public Permit enterVerification(final int commands) throws Refusal
    {
        final int permits = Math.max(1, Math.min(commands, limits.maxVerifying()));
        if (!verifying.tryAcquire(permits))
        {
            metrics.admissionRefused(VERIFICATION_QUEUE);
            throw new Refusal(503, "VERIFIER_BUSY", "signature verification is at its bound of " +
                limits.maxVerifying() + " commands; retry", -1, 1);
        }
        return new Permit(permits);
    }

    /**
     * Counts a request refused by a structural check before verification.
     *
     * @param limit the check's limit name.
     */
    public void refusedBy(final String limit)
    {
        metrics.admissionRefused(limit);
    }

    private void charge(final Map<String, TokenBucket> buckets, final String key, final long weight,
        final long burst, final long perSecond, final String limit, final String who) throws Refusal
    {
        final long now = nanoClock.getAsLong();
        if (buckets.size() >= limits.maxTrackedClients() && !buckets.containsKey(key))
        {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        final TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(burst, perSecond, now));
        final long waitNanos = bucket.tryCharge(weight, now);
        if (waitNanos != 0)
        {
            metrics.admissionRefused(limit);
            final long seconds = Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            throw new Refusal(429, "RATE_LIMITED", who + " is over its " + limit + " rate limit of " + perSecond +
                " weight per second (burst " + burst + "); this request weighs " + weight, -1, seconds);
        }
    }

    /** Commands admitted to verification; released once, when they leave it. */
    public final class Permit
    {
        private final int permits;
        private boolean released;

        private Permit(final int permits)
        {
            this.permits = permits;
        }

        /**
         * Returns the commands' places in the verification queue; later calls do nothing.
         */
        public synchronized void release()
        {
            if (!released)
            {
                released = true;
                verifying.release(permits);
            }
        }
    }
}
