package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.funding.MarketFunding;
import org.junit.jupiter.api.Test;
import io.novation.core.commitment.LeafEncoding;

import java.math.BigInteger;
import java.nio.ByteBuffer;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.ETH_ASSET;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.ONE_ETH_COLLATERAL;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The escape valuation of docs/protocol.md §15: the version-2 price table byte for byte, claims of every asset in kind,
 * perpetuals marked with their accrued funding and socialized loss, each subaccount floored at zero after its other
 * assets cover a negative quote value, and version-1 tables still valued by their own rule.
 */
class EscapeValuationTest
{
    private final EngineFixture fx = new EngineFixture();

    @Test
    void shouldLayOutTheVersionTwoTableWithAssetPricesAndEachSidesFundingIndex()
    {
        final MarketFunding funding = fx.engine.state().markets().perpetual(BTC).funding();
        funding.socialize(5 * USDC, true, ONE_BTC);
        funding.socialize(2 * USDC, false, ONE_BTC);

        final ByteBuffer table = ByteBuffer.wrap(EscapeValuation.priceTable(fx.engine.state()));

        assertThat(table.get()).isEqualTo((byte)EscapeValuation.VERSION);
        assertThat(table.getShort()).isEqualTo((short)2);
        assertThat(table.getLong()).as("USDC at 1").isEqualTo(1);
        assertThat(table.get()).isZero();
        assertThat(table.getLong()).as("ETH at 3,000").isEqualTo(3_000 * EngineFixture.ETH_USD);
        assertThat(table.get()).as("-6 - 8 + 6").isEqualTo((byte)-8);
        assertThat(table.getShort()).isEqualTo((short)2);
        assertThat(table.getLong()).isEqualTo(fx.engine.state().oracles().price(EngineFixture.BTC_ORACLE));
        assertThat(table.get()).as("-5 - 10 + 6").isEqualTo((byte)-9);
        assertThat(table.getLong()).as("longs: index + long loss").isEqualTo(funding.cumulativeIndex() +
            5 * USDC * 1_000_000_000L / ONE_BTC);
        assertThat(table.getLong()).as("shorts: index - short loss").isEqualTo(funding.cumulativeIndex() -
            2 * USDC * 1_000_000_000L / ONE_BTC);
        table.position(table.position() + EscapeValuation.PERPETUAL_ENTRY_LENGTH);
        assertThat(table.getShort()).as("no option series").isZero();
        assertThat(table.hasRemaining()).isFalse();
        assertThat(EscapeValuation.isLegacy(table.array())).isFalse();
    }

    @Test
    void shouldOweOtherAssetsInKindAndCoverANegativeSubaccountFromThemRoundedUp()
    {
        final Account carol = fx.engine.state().accounts().findOrCreate(address("carol"));
        carol.subaccountOrCreate(0).addBalance(0, 1_000 * USDC);
        carol.subaccountOrCreate(0).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL);
        // 600 USDC short, 0.1 ETH worth 300 covers half of it: the rest is dropped, not taken from subaccount 0.
        carol.subaccountOrCreate(1).addBalance(0, -600 * USDC);
        carol.subaccountOrCreate(1).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL / 10);
        // 150.000001 USDC short: covered by ceil(150,000,001 / 30) ETH quantums (one quantum is 30 USDC quantums).
        carol.subaccountOrCreate(2).addBalance(0, -150 * USDC - 1);
        carol.subaccountOrCreate(2).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL / 10);

        final BigInteger[] claims = claims(carol);

        assertThat(claims).containsExactly(BigInteger.valueOf(1_000 * USDC),
            BigInteger.valueOf(ONE_ETH_COLLATERAL + ONE_ETH_COLLATERAL / 10 - 5_000_001));
        assertThat(EscapeValuation.accountValue(leaf(carol), table())).isEqualTo(claims[0]);
    }

    @Test
    void shouldReportTheEthTakenToCoverALosingPerpetualAsSeizedAndWorthTheUsdcClaimedBeyondTheUsdcHeld()
    {
        // Alice deposits only ETH (30,000 USD), buys 0.5 BTC from bob and loses 4,000 USD on it.
        assertThat(fx.deposit("alice", 0, ETH_ASSET, 10 * ONE_ETH_COLLATERAL)).isTrue();
        assertThat(fx.depositUsdc("bob", 0, 50_000)).isTrue();
        final long btc = fx.engine.state().oracles().price(EngineFixture.BTC_ORACLE) / EngineFixture.BTC_USD;
        assertThat(fx.tradeBtc("bob", "alice", false, 5_000, btc)).isTrue();
        final long fallen = (btc - 8_000) * EngineFixture.BTC_USD;
        assertThat(fx.apply(fx.priceRound(fx.tick(), EngineFixture.BTC_ORACLE, fallen))).isTrue();
        assertThat(fx.apply(fx.priceRound(fx.tick(), EngineFixture.BTC_ORACLE, fallen))).isTrue();
        final Account alice = fx.engine.state().accounts().find(address("alice"));
        final Account bob = fx.engine.state().accounts().find(address("bob"));

        final BigInteger[] aliceClaims = claims(alice);
        final BigInteger[] aliceSeized = EscapeValuation.accountSeized(leaf(alice), table());
        final BigInteger[] bobClaims = claims(bob);

        // Her deficit: USDC balance plus the mark floor(size · price · 10^-9); one ETH quantum is worth 30.
        final long mark = BigInteger.valueOf(ONE_BTC / 2).multiply(BigInteger.valueOf(fallen))
            .divide(BigInteger.valueOf(1_000_000_000L)).longValueExact();
        final long deficit = -(alice.subaccount(0).balance(0) + mark);
        assertThat(deficit).as("a losing perpetual").isGreaterThan(4_000 * USDC);
        assertThat(aliceSeized).containsExactly(BigInteger.ZERO, BigInteger.valueOf(-Math.floorDiv(-deficit, 30)));
        assertThat(aliceClaims).containsExactly(BigInteger.ZERO,
            BigInteger.valueOf(10 * ONE_ETH_COLLATERAL).subtract(aliceSeized[ETH_ASSET]));
        assertThat(EscapeValuation.accountSeized(leaf(bob), table())).as("bob covers nothing")
            .containsOnly(BigInteger.ZERO);
        // The seized ETH is worth what the USDC claims exceed the USDC the bridge holds, and the fee pool (no leaf's).
        final long usdcHeld = fx.engine.state().totalDeposited(0) - fx.engine.state().totalWithdrawn(0);
        final BigInteger shortfall = aliceClaims[0].add(bobClaims[0]).subtract(BigInteger.valueOf(usdcHeld));
        assertThat(shortfall).as("USDC claims exceed the USDC held").isPositive();
        assertThat(BigInteger.valueOf(deficit)).isEqualTo(shortfall.add(BigInteger.valueOf(
            fx.engine.state().feePool())));
        assertThat(aliceSeized[ETH_ASSET].multiply(BigInteger.valueOf(30))).isGreaterThanOrEqualTo(shortfall);
    }

    @Test
    void shouldValueAPerpetualAtTheCommittedPriceWithItsAccruedFundingAndSocializedLoss()
    {
        final MarketFunding funding = fx.engine.state().markets().perpetual(BTC).funding();
        funding.tick(fx.now(), 1, 0, 123_456_789L);
        funding.socialize(7 * USDC + 3, true, ONE_BTC / 2);
        final Account dave = fx.engine.state().accounts().findOrCreate(address("dave"));
        dave.subaccountOrCreate(0).addBalance(0, 2_000 * USDC);
        dave.subaccountOrCreate(0).setPosition(BTC, ONE_BTC / 10, 6_000 * USDC, 1_000);
        final Account erin = fx.engine.state().accounts().findOrCreate(address("erin"));
        erin.subaccountOrCreate(0).addBalance(0, 9_000 * USDC);
        erin.subaccountOrCreate(0).setPosition(BTC, -ONE_BTC / 10, -6_000 * USDC, 1_000);
        final long mark = ONE_BTC / 10 * fx.engine.state().oracles().price(EngineFixture.BTC_ORACLE) / 1_000_000_000L;

        final long daveOwes = funding.accrued(ONE_BTC / 10, 1_000);
        final long erinGets = funding.accrued(-ONE_BTC / 10, 1_000);

        assertThat(daveOwes).as("the long pays funding and its loss share").isLessThan(-7 * USDC / 5);
        assertThat(erinGets).isPositive();
        assertThat(claims(dave)[0]).isEqualTo(BigInteger.valueOf(2_000 * USDC + mark + daveOwes));
        assertThat(claims(erin)[0]).isEqualTo(BigInteger.valueOf(9_000 * USDC - mark + erinGets));
    }

    @Test
    void shouldValueAnOptionAtItsIntrinsicValueLessTheLossSocializedToItsSide()
    {
        // A 50,000 call with BTC at 60,000 (the fixture's price): 10,000 USD per BTC of intrinsic value; a loss of
        // 31.000007 USDC was socialized to its longs, 3 BTC of them (30,000 base quantums of 1e-4 BTC).
        final int call = fx.createBtcOption("BTC-ESC-50000-C", 50_000, fx.now() + 30 * EngineFixture.DAY_MS,
            io.novation.core.pricing.OptionType.CALL);
        final MarketFunding losses = fx.engine.state().markets().option(call).funding();
        losses.socialize(31 * USDC + 7, true, 30_000);
        final Account frank = fx.engine.state().accounts().findOrCreate(address("frank"));
        frank.subaccountOrCreate(0).addBalance(0, 1_000 * USDC);
        frank.subaccountOrCreate(0).setPosition(call, 10_000, 3_000 * USDC, 0);
        final Account gina = fx.engine.state().accounts().findOrCreate(address("gina"));
        gina.subaccountOrCreate(0).addBalance(0, 20_000 * USDC);
        gina.subaccountOrCreate(0).setPosition(call, -10_000, -3_000 * USDC, 0);

        final long frankOwes = losses.accrued(10_000, 0);

        // Frank holds a third of the longs: he owes a third of the loss, rounded against him.
        assertThat(frankOwes).isEqualTo(-(31 * USDC + 7 + 2) / 3);
        assertThat(claims(frank)[0]).isEqualTo(BigInteger.valueOf(1_000 * USDC + 10_000 * USDC + frankOwes));
        assertThat(claims(gina)[0]).isEqualTo(BigInteger.valueOf(20_000 * USDC - 10_000 * USDC));
    }

    @Test
    void shouldFloorALosingSubaccountAtZeroWithoutNettingItAgainstAnother()
    {
        final Account frank = fx.engine.state().accounts().findOrCreate(address("frank"));
        frank.subaccountOrCreate(0).addBalance(0, 500 * USDC);
        frank.subaccountOrCreate(3).addBalance(0, 100 * USDC);
        frank.subaccountOrCreate(3).setPosition(BTC, -ONE_BTC, -10_000 * USDC, 0);

        assertThat(claims(frank)).containsExactly(BigInteger.valueOf(500 * USDC), BigInteger.ZERO);
    }

    @Test
    void shouldStillValueALeafAtAVersionOneTable()
    {
        final Account grace = fx.engine.state().accounts().findOrCreate(address("grace"));
        grace.subaccountOrCreate(0).addBalance(0, 300 * USDC);
        grace.subaccountOrCreate(0).addBalance(ETH_ASSET, ONE_ETH_COLLATERAL);
        grace.subaccountOrCreate(0).setPosition(BTC, ONE_BTC / 100, 0, 0);
        final ByteBuffer legacy = ByteBuffer.allocate(2 + 2 * EscapeValuation.LEGACY_ENTRY_LENGTH);
        legacy.putShort((short)2).putLong(50_000 * EngineFixture.BTC_USD).put((byte)-9).putLong(0).put((byte)0);

        assertThat(EscapeValuation.isLegacy(legacy.array())).isTrue();
        assertThat(EscapeValuation.accountValue(leaf(grace), legacy.array()))
            .as("USDC and the position only, as version 1 did").isEqualTo(BigInteger.valueOf(800 * USDC));
    }

    @Test
    void shouldRefuseALeafNamingAnAssetOrMarketTheTableLacks()
    {
        final Account heidi = fx.engine.state().accounts().findOrCreate(address("heidi"));
        heidi.subaccountOrCreate(0).addBalance(5, 1);
        final byte[] wrongVersion = table();
        wrongVersion[0] = 3;

        assertThatThrownBy(() -> claims(heidi)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("asset 5");
        assertThatThrownBy(() -> EscapeValuation.accountClaims(leaf(heidi), wrongVersion))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }

    private BigInteger[] claims(final Account account)
    {
        return EscapeValuation.accountClaims(leaf(account), table());
    }

    private byte[] table()
    {
        return EscapeValuation.priceTable(fx.engine.state());
    }

    private static byte[] leaf(final Account account)
    {
        return new LeafEncoding().putAccount(account).toBytes();
    }
}
