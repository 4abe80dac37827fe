package io.novation.core.engine;

import io.novation.core.command.OracleVolSurface;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.RejectReason;
import io.novation.core.surface.PublishedVolSurface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code oracleVolSurface}: raw SVI slices in billionths, co-signed by a quorum of the underlying oracle's registered
 * publishers, are stored per underlying with their first publisher and priced in doubles; unsigned, forged,
 * unregistered, stale and replayed surfaces, and surfaces with butterfly or calendar arbitrage, inadmissible parameters
 * or misordered expiries are refused with a reason and leave the root unchanged.
 */
class VolSurfaceEngineTest
{
    private static final long YEAR_MS = 365 * DAY_MS;

    @Test
    void shouldStoreAnArbitrageFreeSurfaceAndPriceFromIt()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        // SSVI, rho = -0.7, eta = 1, ATM total variance 0.04·T (Gatheral and Jacquier, Theorems 4.1 and 4.2).
        final OracleVolSurface command = fx.surface(now, BTC_ORACLE, List.of(
            ssvi(now + YEAR_MS / 4, 0.01), ssvi(now + YEAR_MS / 2, 0.02), ssvi(now + YEAR_MS, 0.04)));

        assertThat(fx.publishSurface(now, BTC_ORACLE, command.slices())).isTrue();

        final PublishedVolSurface surface = fx.engine.state().volSurfaces().surface(BTC_ORACLE);
        assertThat(surface.publishedAt()).isEqualTo(now);
        assertThat(surface.publisher()).isEqualTo(EngineFixture.address("oracle-a"));
        assertThat(surface.slices()).isEqualTo(command.slices());
        // At the money, SSVI's total variance is theta: 20 % volatility at every expiry.
        assertThat(surface.impliedVolatility(60_000, 60_000, now + YEAR_MS / 2)).isCloseTo(0.2, within(1e-8));
        assertThat(fx.events.last()).isEqualTo(new Event.VolSurfaceUpdated(fx.engine.state().sequence(), BTC_ORACLE,
            EngineFixture.address("oracle-a"), now, 3, now + YEAR_MS / 4, now + YEAR_MS));
    }

    @Test
    void shouldRefuseVogtsSliceForButterflyArbitrage()
    {
        final EngineFixture fx = new EngineFixture();
        final byte[] root = fx.engine.stateRoot();
        final long now = fx.tick();
        // Axel Vogt's slice, T = 0.99 (the counter-example Gatheral and Jacquier cite).
        final OracleVolSurface vogt = fx.surface(now, BTC_ORACLE, List.of(new OracleVolSurface.Slice(
            now + Math.round(0.99 * YEAR_MS), -41_000_000, 133_100_000, 306_000_000, 358_600_000, 415_300_000)));

        assertThat(fx.apply(vogt)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("BUTTERFLY arbitrage");
        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();
    }

    @Test
    void shouldRefuseCrossingSlicesForCalendarArbitrage()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        final OracleVolSurface crossing = fx.surface(now, BTC_ORACLE, List.of(
            ssvi(now + YEAR_MS / 4, 0.04, -0.7), ssvi(now + YEAR_MS / 2, 0.05, 0.7)));

        assertThat(fx.apply(crossing)).isFalse();

        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("CALENDAR arbitrage");
    }

    @Test
    void shouldRefuseInadmissibleParametersAndMisorderedExpiries()
    {
        final EngineFixture fx = new EngineFixture();
        final long now = fx.tick();
        final long expiry = now + 30 * DAY_MS;

        assertThat(fx.apply(fx.surface(fx.tick(), BTC_ORACLE,
            List.of(new OracleVolSurface.Slice(expiry, 10_000_000, 100_000_000, 1_000_000_000, 0, 100_000_000)))))
            .isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_ARBITRAGE);
        assertThat(fx.lastRejection().message()).contains("PARAMETERS");

        assertThat(fx.apply(fx.surface(fx.tick(), BTC_ORACLE, List.of(
            ssvi(expiry, 0.01), ssvi(expiry - DAY_MS, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(fx.surface(fx.tick(), BTC_ORACLE, List.of(ssvi(now, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE, fx.now(), List.of(),
            EngineFixture.address("oracle-a"), null))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.apply(fx.surface(fx.tick(), 7, List.of(ssvi(expiry, 0.01))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_ORACLE);

        final java.util.ArrayList<OracleVolSurface.Slice> withGap = new java.util.ArrayList<>();
        withGap.add(ssvi(expiry, 0.01));
        withGap.add(null);
        assertThat(fx.apply(new OracleVolSurface(fx.tick(), BTC_ORACLE, fx.now(), withGap,
            EngineFixture.address("oracle-a"), null))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();
    }

    @Test
    void shouldRefuseUnsignedForgedAndUnregisteredSurfacesLeavingTheRootUnchanged()
    {
        final EngineFixture fx = new EngineFixture();
        final byte[] root = fx.engine.stateRoot();
        final long now = fx.tick();
        final List<OracleVolSurface.Slice> slices = List.of(ssvi(now + YEAR_MS / 4, 0.01));
        final OracleVolSurface signed = fx.surface(now, BTC_ORACLE, slices);

        // Unsigned.
        assertThat(fx.apply(signed.withSignature(null))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BAD_SIGNATURE);
        // Signed by another registered publisher than the one it names.
        assertThat(fx.apply(signed.withSignature(Secp256k1.sign(signed.digest(fx.engine.domainSeparator()),
            EngineFixture.key("oracle-b"))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BAD_SIGNATURE);
        // A valid signature over other slices (a tampered surface).
        final OracleVolSurface tampered = new OracleVolSurface(now, BTC_ORACLE, now,
            List.of(ssvi(now + YEAR_MS / 4, 0.02)), signed.publisher(), signed.signature());
        assertThat(fx.apply(tampered)).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BAD_SIGNATURE);
        // Signed under another domain (another chain).
        final byte[] otherDomain = fx.engine.domainSeparator().clone();
        otherDomain[0] ^= 1;
        assertThat(fx.apply(signed.withSignature(Secp256k1.sign(signed.digest(otherDomain),
            EngineFixture.key("oracle-a"))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.BAD_SIGNATURE);
        // Properly signed by a key that is not registered for the oracle.
        assertThat(fx.apply(fx.surface("mallory", now, BTC_ORACLE, now, slices))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.UNKNOWN_PUBLISHER);
        assertThat(fx.lastRejection().message()).contains(EngineFixture.address("mallory").toString());
        // Naming no publisher.
        assertThat(fx.apply(new OracleVolSurface(now, BTC_ORACLE, now, slices, null, signed.signature()))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.INVALID_COMMAND);

        assertThat(fx.engine.stateRoot()).isEqualTo(root);
        assertThat(fx.engine.state().volSurfaces().surface(BTC_ORACLE)).isNull();

        assertThat(fx.apply(signed)).isTrue();
        assertThat(fx.engine.stateRoot()).isNotEqualTo(root);
    }

    @Test
    void shouldRefuseReplayedAndStaleSurfacesAndAcceptANewerOneFromAnotherPublisher()
    {
        final EngineFixture fx = new EngineFixture();
        final long first = fx.tick();
        final List<OracleVolSurface.Slice> slices = List.of(ssvi(first + YEAR_MS / 4, 0.01));
        assertThat(fx.publishSurface(first, BTC_ORACLE, slices)).isTrue();
        final OracleVolSurface surface = fx.surface(first, BTC_ORACLE, slices);
        final byte[] root = fx.engine.stateRoot();

        // The same signed surface relayed again later (re-stamped by the sequencer): not newer.
        assertThat(fx.apply(surface.withTime(fx.tick()))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_NOT_NEWER);
        // Another publisher's surface published before the current one.
        final long at = fx.tick();
        assertThat(fx.apply(fx.surface("oracle-b", at, BTC_ORACLE, first - 1,
            List.of(ssvi(first + YEAR_MS / 4, 0.02))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.VOL_SURFACE_NOT_NEWER);
        // Older than the oracle's freshness window (60 s), or further ahead than its future skew (5 s).
        final long later = fx.advance(120_000);
        assertThat(fx.apply(fx.surface("oracle-b", later, BTC_ORACLE, later - 60_001,
            List.of(ssvi(later + YEAR_MS / 4, 0.02))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_VOL_SURFACE);
        assertThat(fx.apply(fx.surface("oracle-b", later, BTC_ORACLE, later + 5_001,
            List.of(ssvi(later + YEAR_MS / 4, 0.02))))).isFalse();
        assertThat(fx.lastRejection().code()).isEqualTo(RejectReason.STALE_VOL_SURFACE);
        assertThat(fx.engine.stateRoot()).isEqualTo(root);

        // At the edges of the window, signed by a quorum: accepted, and times to expiry count from publishedAt, not
        // from the command's time; the surface records the first publisher that signed it.
        final long publishedAt = later - 60_000;
        final List<OracleVolSurface.Slice> newer = List.of(ssvi(publishedAt + YEAR_MS / 2, 0.02));
        for (final String publisher : List.of("oracle-b", "oracle-c", "oracle-a"))
        {
            assertThat(fx.apply(fx.surface(publisher, later, BTC_ORACLE, publishedAt, newer))).isTrue();
        }
        final PublishedVolSurface stored = fx.engine.state().volSurfaces().surface(BTC_ORACLE);
        assertThat(stored.publisher()).isEqualTo(EngineFixture.address("oracle-b"));
        assertThat(stored.publishedAt()).isEqualTo(publishedAt);
        assertThat(stored.surface().slices().get(0).expiryYears()).isEqualTo(0.5);
        assertThat(fx.engine.stateRoot()).isNotEqualTo(root);
        final long skewed = fx.tick();
        for (final String publisher : EngineFixture.PUBLISHERS)
        {
            assertThat(fx.apply(fx.surface(publisher, skewed, BTC_ORACLE, skewed + 5_000,
                List.of(ssvi(skewed + YEAR_MS / 2, 0.02))))).isTrue();
        }
        // A series expiring before the (future-dated) publication takes the first slice's volatility, held flat.
        final PublishedVolSurface ahead = fx.engine.state().volSurfaces().surface(BTC_ORACLE);
        assertThat(ahead.publishedAt()).isEqualTo(skewed + 5_000);
        assertThat(ahead.impliedVolatility(60_000, 66_000, skewed + 1_000))
            .isEqualTo(ahead.impliedVolatility(60_000, 66_000, skewed + YEAR_MS / 2)).isPositive();
    }

    @Test
    void shouldSignTheDocumentedStruct()
    {
        final OracleVolSurface surface = new OracleVolSurface(1, 7, 0x0102030405060708L,
            List.of(new OracleVolSurface.Slice(0x1122334455667788L, -1, 2, -3, 4, 5)), null, null);
        final byte[] encoding = surface.slicesEncoding();
        assertThat(io.novation.core.crypto.Hex.encode(encoding)).isEqualTo("0x" +
            "1122334455667788" + "ffffffffffffffff" + "0000000000000002" + "fffffffffffffffd" + "0000000000000004" +
            "0000000000000005");
        final byte[] words = new byte[128];
        System.arraycopy(io.novation.core.crypto.Keccak256.hash(OracleVolSurface.EIP712_TYPE.getBytes(
            java.nio.charset.StandardCharsets.US_ASCII)), 0, words, 0, 32);
        words[63] = 7;
        for (int i = 0; i < 8; i++)
        {
            words[88 + i] = (byte)(i + 1);
        }
        System.arraycopy(io.novation.core.crypto.Keccak256.hash(encoding), 0, words, 96, 32);
        final byte[] domain = new byte[32];
        domain[31] = 9;
        final byte[] message = new byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domain, 0, message, 2, 32);
        System.arraycopy(io.novation.core.crypto.Keccak256.hash(words), 0, message, 34, 32);
        assertThat(surface.digest(domain)).isEqualTo(io.novation.core.crypto.Keccak256.hash(message));
        // The command's time is not signed.
        assertThat(surface.withTime(99).digest(domain)).isEqualTo(surface.digest(domain));
    }

    private static OracleVolSurface.Slice ssvi(final long expiry, final double theta)
    {
        return ssvi(expiry, theta, -0.7);
    }

    /** Gatheral and Jacquier's SSVI with φ = η/√θ, η = 1, as raw SVI in billionths. */
    private static OracleVolSurface.Slice ssvi(final long expiry, final double theta, final double rho)
    {
        final double phi = 1.0 / Math.sqrt(theta);
        return new OracleVolSurface.Slice(expiry, nanos(0.5 * theta * (1 - rho * rho)), nanos(0.5 * theta * phi),
            nanos(rho), nanos(-rho / phi), nanos(Math.sqrt(1 - rho * rho) / phi));
    }

    private static long nanos(final double value)
    {
        return Math.round(value * 1e9);
    }
}
