package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Command;
import io.novation.core.command.Liquidate;
import io.novation.core.command.Order;
import io.novation.core.command.SetMarginMode;
import io.novation.core.command.SettleExpiry;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Withdraw;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.pricing.OptionType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.util.Random;

import static io.novation.core.engine.EngineFixture.BTC;
import static io.novation.core.engine.EngineFixture.BTC_ORACLE;
import static io.novation.core.engine.EngineFixture.BTC_USD;
import static io.novation.core.engine.EngineFixture.DAY_MS;
import static io.novation.core.engine.EngineFixture.ONE_BTC;
import static io.novation.core.engine.EngineFixture.OPTION_STEP;
import static io.novation.core.engine.EngineFixture.OPTION_TICK;
import static io.novation.core.engine.EngineFixture.USDC;
import static io.novation.core.engine.EngineFixture.address;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bankruptcy waterfall leaves no uncovered loss: over random sequences of option and perpetual trades (standard and
 * portfolio margin), crashes and
 * rallies of up to 60 %, keepers liquidating whatever is below maintenance, withdrawals and option expiries, after
 * every command (1) a subaccount with negative net collateral still holds a position that a keeper can liquidate
 * (its loss is queued for the waterfall), never cash alone, and (2) what every subaccount could claim, its net
 * collateral floored at zero, sums to no more than the USDC the bridge holds (deposits less withdrawals) less the
 * insurance funds and the fee pool, but for the deficits still queued and the bad debt the whole waterfall could not
 * cover (shared by every claim, pro rata); with none queued, to no more than the bridge holds and the bad debt.
 */
class WaterfallPropertiesTest
{
    private static final String[] TRADERS = {"alice", "bob", "carol", "dave"};
    private static final long MINUTE = 60_000L;

    @Property(tries = 10_000)
    void shouldLeaveNoUncoveredLossAndNeverOweEscapeClaimsBeyondTheBridge(@ForAll final long seed)
    {
        final Random random = new Random(seed);
        final EngineFixture fx = new EngineFixture(SignatureMode.TRUSTED);
        final long expiry = (fx.now() + DAY_MS) / MINUTE * MINUTE;
        final int call = fx.createBtcOption("C", 60_000, expiry, OptionType.CALL);
        final int put = fx.createBtcOption("P", 55_000, expiry, OptionType.PUT);
        assertThat(fx.flatBtcSurface(0.8, expiry)).isTrue();
        for (final String trader : TRADERS)
        {
            assertThat(fx.depositUsdc(trader, 0, 2_000 + random.nextInt(20_000))).isTrue();
        }
        assertThat(fx.depositUsdc("keeper", 0, 1_000_000)).isTrue();
        long btc = 60_000;
        long nonce = 0;
        // About half the traders margin their books as portfolios (Derive PM2), the others in standard margin.
        for (final String trader : TRADERS)
        {
            if (random.nextBoolean())
            {
                assertThat(fx.apply(new SetMarginMode(fx.tick(), address(trader), 0, true, ++nonce, null))).isTrue();
            }
        }
        final int steps = 6 + random.nextInt(10);
        for (int step = 0; step < steps && fx.now() < expiry; step++)
        {
            final int action = random.nextInt(10);
            if (action < 4)
            {
                final int maker = random.nextInt(TRADERS.length);
                final int taker = (maker + 1 + random.nextInt(TRADERS.length - 1)) % TRADERS.length;
                final boolean option = random.nextBoolean();
                final int market = option ? (random.nextBoolean() ? call : put) : BTC;
                final long size = option ? OPTION_STEP * (1 + random.nextInt(100)) :
                    ONE_BTC / 100 * (1 + random.nextInt(50));
                final long price = option ? OPTION_TICK * (10 + random.nextInt(60_000)) : btc * BTC_USD;
                final boolean makerBuys = random.nextBoolean();
                final Order makerOrder = Order.of(address(TRADERS[maker]), 0, market, makerBuys, size, price, ++nonce,
                    expiry, false, null);
                final Order takerOrder = Order.of(address(TRADERS[taker]), 0, market, !makerBuys, size, price,
                    ++nonce, expiry, false, null);
                apply(fx, new SettleTrade(fx.tick(), market, makerOrder, takerOrder, size, price));
            }
            else if (action < 6)
            {
                // A crash or a rally of up to 60 %, confirmed by a second round.
                btc = Math.max(1_000, btc * (40 + random.nextInt(121)) / 100);
                fx.advance(MINUTE);
                apply(fx, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                apply(fx, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                fx.flatBtcSurface(0.8, expiry);
                assertNoUncoveredLoss(fx.engine.state());
            }
            else if (action < 8)
            {
                nonce = sweep(fx, nonce);
            }
            else if (action < 9)
            {
                final String trader = TRADERS[random.nextInt(TRADERS.length)];
                apply(fx, new Withdraw(fx.tick(), address(trader), 0, 0, USDC * (1 + random.nextInt(5_000)),
                    ++nonce, null));
            }
            else
            {
                // The expiry: rounds through the TWAP window, then both series settle.
                fx.advance(expiry - 40 * MINUTE - fx.now());
                apply(fx, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                apply(fx, fx.priceRound(fx.tick(), BTC_ORACLE, btc * BTC_USD));
                fx.advance(expiry + MINUTE - fx.now());
                apply(fx, new SettleExpiry(fx.tick(), call));
                apply(fx, new SettleExpiry(fx.tick(), put));
            }
        }
    }

    /** A keeper takes over every position of every subaccount below maintenance (whole or its allowed part). */
    private static long sweep(final EngineFixture fx, final long nonce)
    {
        long next = nonce;
        final ClearingState state = fx.engine.state();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures figures = new MarginFigures();
        for (final String trader : TRADERS)
        {
            final Account account = state.accounts().find(address(trader));
            final Subaccount subaccount = account == null ? null : account.subaccount(0);
            if (subaccount == null || !calculator.compute(subaccount, figures) || !figures.isBelowMaintenance())
            {
                continue;
            }
            for (int p = subaccount.positionCount() - 1; p >= 0; p--)
            {
                if (p >= subaccount.positionCount())
                {
                    continue;
                }
                final int market = subaccount.positionMarket(p);
                final long size = Math.abs(subaccount.positionSize(p));
                apply(fx, new Liquidate(fx.tick(), address("keeper"), 0, address(trader), 0, market, size, ++next,
                    null));
            }
        }
        return next;
    }

    private static void apply(final EngineFixture fx, final Command command)
    {
        fx.apply(command);
        if (!Conservation.holds(fx.engine.state()))
        {
            final var events = fx.events.events();
            System.err.println("IMBALANCE " + Conservation.imbalance(fx.engine.state(), 0) + " after " + command);
            for (int i = Math.max(0, events.size() - 12); i < events.size(); i++)
            {
                System.err.println("  " + events.get(i));
            }
        }
        assertNoUncoveredLoss(fx.engine.state());
    }

    private static void assertNoUncoveredLoss(final ClearingState state)
    {
        assertThat(Conservation.holds(state)).isTrue();
        final MarginCalculator calculator = new MarginCalculator(state.markets(), state.oracles(),
            state.volSurfaces());
        final MarginFigures figures = new MarginFigures();
        long claims = 0;
        long queued = 0;
        for (int a = 0; a < state.accounts().count(); a++)
        {
            final Account account = state.accounts().at(a);
            for (int s = 0; s < account.subaccountCount(); s++)
            {
                final Subaccount subaccount = account.subaccountAt(s);
                assertThat(calculator.compute(subaccount, figures)).isTrue();
                final long equity = figures.netCollateralMaintenance();
                if (equity < 0)
                {
                    assertThat(subaccount.positionCount())
                        .as("%s/%d has net collateral %d and no position left to liquidate", account.owner(),
                            subaccount.number(), equity)
                        .isPositive();
                    assertThat(figures.isBelowMaintenance()).as("%s/%d with net collateral %d, requirement %d, notional %d " +
                        "and %d positions is listed for its keepers", account.owner(), subaccount.number(), equity,
                        figures.maintenanceMarginRequirement(), figures.absoluteNotional(), subaccount.positionCount())
                        .isTrue();
                    queued = Math.addExact(queued, -equity);
                }
                claims = Math.addExact(claims, Math.max(0, equity));
            }
        }
        // The bridge holds deposits less withdrawals; the insurance funds and the fee pool are in it too. A deficit
        // still queued for a keeper is the only way claims may exceed what the accounts' share of the bridge covers.
        final long bridge = state.totalDeposited(0) - state.totalWithdrawn(0);
        long protocol = Math.addExact(state.insuranceFund(), state.feePool());
        for (int m = 0; m < state.markets().perpetualCount(); m++)
        {
            protocol = Math.addExact(protocol, state.markets().perpetual(m).isolatedInsuranceFund());
        }
        // Bad debt (what the whole waterfall could not cover) is owed by the depositors as a whole: the escape pays every
        // claim pro rata, and it is the only other way claims may exceed what the bridge holds.
        assertThat(claims - queued).as("escape claims less queued deficits against the bridge's USDC")
            .isLessThanOrEqualTo(bridge - protocol + state.badDebt());
        if (queued == 0)
        {
            assertThat(claims).as("escape claims against the bridge's USDC")
                .isLessThanOrEqualTo(bridge + state.badDebt());
        }
    }
}
