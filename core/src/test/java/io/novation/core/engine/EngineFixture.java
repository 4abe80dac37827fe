package io.novation.core.engine;

import io.novation.core.account.Address;
import io.novation.core.command.CreateAsset;
import io.novation.core.command.CreateOptionSeries;
import io.novation.core.command.CreatePerpetual;
import io.novation.core.command.OracleVolSurface;
import io.novation.core.command.Deposit;
import io.novation.core.command.OraclePrice;
import io.novation.core.command.Order;
import io.novation.core.command.PriceReport;
import io.novation.core.command.RegisterOraclePublisher;
import io.novation.core.command.SettleTrade;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.crypto.Keccak256;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.event.Event;
import io.novation.core.event.EventLog;
import io.novation.core.market.LiquidityTier;
import io.novation.core.market.MarketStatus;
import io.novation.core.market.OptionSeries;
import io.novation.core.pricing.OptionType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An engine with USDC, ETH collateral (weights 0.8 / 0.9), and two perpetuals with dYdX v4's units: BTC-USD
 * (atomic resolution -10, price exponent -5, IM 5 %, MF 0.6, maker -0.01 %, taker 0.05 %) and ETH-USD (atomic
 * resolution -9, price exponent -6, IM 10 %, MF 0.5), three registered publishers per oracle, and accounts and
 * publishers whose keys are keccak256 of their names.
 */
public final class EngineFixture
{
    public static final int BTC = 0;
    public static final int ETH_PERP = 1;
    public static final int ETH_ASSET = 1;
    public static final int BTC_ORACLE = 1;
    public static final int ETH_ORACLE = 0;
    /** One BTC in base quantums. */
    public static final long ONE_BTC = 10_000_000_000L;
    /** One USD in BTC-USD price units. */
    public static final long BTC_USD = 100_000L;
    /** One USDC in quote quantums. */
    public static final long USDC = 1_000_000L;
    /** One ETH in asset quantums (8 decimals). */
    public static final long ONE_ETH_COLLATERAL = 100_000_000L;
    /** One ETH-USD price unit is 1e-6 USD. */
    public static final long ETH_USD = 1_000_000L;

    /** Option contracts of the fixture: one base quantum is 0.0001 BTC (atomic resolution −4). */
    public static final int OPTION_ATOMIC_RESOLUTION = -4;
    /** One BTC of option contracts, in base quantums. */
    public static final long ONE_BTC_OPTION = 10_000L;
    /** Option size step: 0.01 BTC. */
    public static final long OPTION_STEP = 100L;
    /** Option premium tick: 0.1 USD per BTC, in price units. */
    public static final long OPTION_TICK = 10_000L;
    /** A day in milliseconds. */
    public static final long DAY_MS = 86_400_000L;

    /** The publishers every oracle of the fixture registers: as many as the default quorum. */
    public static final String[] PUBLISHERS = {"oracle-a", "oracle-b", "oracle-c"};

    /** Addresses by name, derived once: deriving one is a curve multiplication, and property tests ask thousands. */
    private static final Map<String, Address> ADDRESSES = new ConcurrentHashMap<>();

    public final EventLog events = new EventLog();
    public final ClearingEngine engine;
    private long time = 1_760_054_400_000L;
    private long depositId;
    private long orderNonce;

    public EngineFixture()
    {
        this(SignatureMode.VERIFY);
    }

    public EngineFixture(final SignatureMode mode)
    {
        this(mode, fixture ->
        {
        });
    }

    /**
     * The fixture with a listing step run after its publishers are registered and before its oracles' first prices,
     * while publishers and parameters are still set at once (once an oracle has a price they are timelocked).
     */
    public EngineFixture(final Consumer<EngineFixture> listing)
    {
        this(SignatureMode.VERIFY, listing);
    }

    public EngineFixture(final SignatureMode mode, final Consumer<EngineFixture> listing)
    {
        engine = new ClearingEngine(EngineConfig.defaults().withSignatureMode(mode), events);
        apply(new CreateAsset(time, ETH_ASSET, "ETH", 8, "ETH-USD", -6, 800_000, 900_000));
        apply(new CreatePerpetual(time, BTC, "BTC-USD", "BTC-USD", -5, -10, 10_000, 1_000_000,
            new LiquidityTier(0, "large-cap", 50_000, 600_000, 0, 0, 0), -100, 500, MarketStatus.ACTIVE));
        apply(new CreatePerpetual(time, ETH_PERP, "ETH-USD", "ETH-USD", -6, -9, 100_000, 1_000_000,
            new LiquidityTier(1, "mid-cap", 100_000, 500_000, 0, 0, 0), 0, 500, MarketStatus.ACTIVE));
        for (final String publisher : PUBLISHERS)
        {
            apply(new RegisterOraclePublisher(time, ETH_ORACLE, address(publisher)));
            apply(new RegisterOraclePublisher(time, BTC_ORACLE, address(publisher)));
        }
        listing.accept(this);
        btcPrice(60_000);
        apply(priceRound(tick(), ETH_ORACLE, 3_000 * ETH_USD));
    }

    /**
     * A round in which every fixture publisher reports the same price at the command's time, signed unless the
     * engine trusts signatures.
     */
    public OraclePrice priceRound(final long at, final int oracleId, final long price)
    {
        final List<PriceReport> reports = new ArrayList<>();
        for (final String publisher : PUBLISHERS)
        {
            reports.add(report(publisher, oracleId, price, at));
        }
        return new OraclePrice(at, oracleId, reports);
    }

    /** One report by a named publisher, signed with its key unless the engine trusts signatures. */
    public PriceReport report(final String publisher, final int oracleId, final long price, final long publishedAt)
    {
        final PriceReport unsigned = new PriceReport(oracleId, price, publishedAt, address(publisher), null);
        if (engine.config().signatureMode() == SignatureMode.TRUSTED)
        {
            return unsigned;
        }
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(engine.domainSeparator()), key(publisher)));
    }

    public static byte[] key(final String name)
    {
        return Keccak256.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    public static Address address(final String name)
    {
        return ADDRESSES.computeIfAbsent(name, n -> Address.of(Secp256k1.addressOf(key(n))));
    }

    public long now()
    {
        return time;
    }

    public long tick()
    {
        return ++time;
    }

    /**
     * Moves the fixture's clock forward.
     *
     * @param millis milliseconds.
     * @return the new time.
     */
    public long advance(final long millis)
    {
        time += millis;
        return time;
    }

    public boolean apply(final io.novation.core.command.Command command)
    {
        final boolean applied = engine.apply(command);
        if (!applied && System.getProperty("novation.debug") != null)
        {
            System.err.println("rejected " + command + ": " + lastRejection());
        }
        return applied;
    }

    public boolean btcPrice(final long usd)
    {
        final long at = tick();
        return apply(priceRound(at, BTC_ORACLE, usd * BTC_USD));
    }

    public boolean depositUsdc(final String name, final int subaccount, final long usdc)
    {
        return apply(new Deposit(tick(), address(name), subaccount, 0, usdc * USDC, ++depositId));
    }

    public boolean deposit(final String name, final int subaccount, final int asset, final long quantums)
    {
        return apply(new Deposit(tick(), address(name), subaccount, asset, quantums, ++depositId));
    }

    public Order order(final String name, final int subaccount, final int market, final boolean buy,
        final long size, final long limitPrice, final boolean reduceOnly)
    {
        final Order unsigned = Order.of(address(name), subaccount, market, buy, size, limitPrice, ++orderNonce,
            time + 3_600_000, reduceOnly, null);
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(engine.domainSeparator()), key(name)));
    }

    /** A BTC fill: the maker buys or sells {@code btcTenThousandths}/10,000 BTC at a USD price to the taker. */
    public boolean tradeBtc(final String maker, final String taker, final boolean makerBuys,
        final long btcTenThousandths, final long usdPrice)
    {
        final long size = btcTenThousandths * (ONE_BTC / 10_000);
        final long price = usdPrice * BTC_USD;
        return apply(new SettleTrade(tick(), BTC, order(maker, 0, BTC, makerBuys, size, price, false),
            order(taker, 0, BTC, !makerBuys, size, price, false), size, price));
    }

    /**
     * Creates a BTC option series (contracts of 0.0001 BTC, step 0.01 BTC, tick 0.1 USD, maker 0, taker 0.03 % of
     * the premium) and returns its id, or -1 when refused.
     */
    public int createBtcOption(final String ticker, final long strikeUsd, final long expiry, final OptionType type)
    {
        final int id = engine.state().markets().nextOptionId();
        return apply(new CreateOptionSeries(tick(), id, ticker, BTC_ORACLE, strikeUsd * BTC_USD, expiry, type,
            OPTION_ATOMIC_RESOLUTION, OPTION_TICK, OPTION_STEP, 0, 300, MarketStatus.ACTIVE)) ? id : -1;
    }

    /**
     * Publishes a flat BTC volatility surface: total variance vol²·T at every expiry given (SVI a = vol²·T, b = 0,
     * ρ = 0, m = 0, σ = 0.1).
     */
    public boolean flatBtcSurface(final double vol, final long... expiries)
    {
        final long at = tick();
        final List<OracleVolSurface.Slice> slices = new ArrayList<>();
        for (final long expiry : expiries)
        {
            final double years = (expiry - at) / (365.0 * DAY_MS);
            slices.add(new OracleVolSurface.Slice(expiry, Math.round(vol * vol * years * 1e9), 0, 0, 0, 100_000_000));
        }
        return publishSurface(at, BTC_ORACLE, slices);
    }

    /**
     * Every fixture publisher (a quorum) signs the same surface, published at {@code at}, applied at {@code at}.
     *
     * @return true when every submission was accepted.
     */
    public boolean publishSurface(final long at, final int oracleId, final List<OracleVolSurface.Slice> slices)
    {
        boolean accepted = true;
        for (final String publisher : PUBLISHERS)
        {
            accepted &= apply(surface(publisher, at, oracleId, at, slices));
        }
        return accepted;
    }

    /**
     * A volatility surface published at the command's time by the first fixture publisher, signed with its key unless
     * the engine trusts signatures.
     */
    public OracleVolSurface surface(final long at, final int oracleId, final List<OracleVolSurface.Slice> slices)
    {
        return surface(PUBLISHERS[0], at, oracleId, at, slices);
    }

    /** A volatility surface a named publisher published at {@code publishedAt}, signed as {@link #report} is. */
    public OracleVolSurface surface(final String publisher, final long at, final int oracleId, final long publishedAt,
        final List<OracleVolSurface.Slice> slices)
    {
        final OracleVolSurface unsigned = new OracleVolSurface(at, oracleId, publishedAt, slices, address(publisher),
            null);
        if (engine.config().signatureMode() == SignatureMode.TRUSTED)
        {
            return unsigned;
        }
        return unsigned.withSignature(Secp256k1.sign(unsigned.digest(engine.domainSeparator()), key(publisher)));
    }

    /** A signed order for an option series, as {@link #order} for perpetuals. */
    public Order optionOrder(final String name, final int subaccount, final int series, final boolean buy,
        final long size, final long limitPrice)
    {
        return order(name, subaccount, series, buy, size, limitPrice, false);
    }

    /**
     * An option fill: the maker buys or sells {@code hundredthsOfBtc}/100 BTC of the series at a premium in tenths of
     * a USD per BTC.
     */
    public boolean tradeOption(final String maker, final String taker, final int series, final boolean makerBuys,
        final long hundredthsOfBtc, final long premiumTenthsUsd)
    {
        final long size = hundredthsOfBtc * OPTION_STEP;
        final long price = premiumTenthsUsd * OPTION_TICK;
        return apply(new SettleTrade(tick(), series, optionOrder(maker, 0, series, makerBuys, size, price),
            optionOrder(taker, 0, series, !makerBuys, size, price), size, price));
    }

    public Withdraw withdrawal(final String name, final int subaccount, final int asset, final long amount,
        final long nonce)
    {
        final Withdraw unsigned = new Withdraw(tick(), address(name), subaccount, asset, amount, nonce, null);
        return new Withdraw(unsigned.time(), unsigned.account(), subaccount, asset, amount, nonce,
            Secp256k1.sign(unsigned.digest(engine.domainSeparator()), key(name)));
    }

    public Transfer transfer(final String name, final int from, final int to, final int asset, final long amount,
        final long nonce)
    {
        final Transfer unsigned = new Transfer(tick(), address(name), from, to, asset, amount, nonce, null);
        return new Transfer(unsigned.time(), unsigned.account(), from, to, asset, amount, nonce,
            Secp256k1.sign(unsigned.digest(engine.domainSeparator()), key(name)));
    }

    public long usdcBalance(final String name, final int subaccount)
    {
        return engine.state().accounts().find(address(name)).subaccount(subaccount).balance(0);
    }

    public long position(final String name, final int subaccount, final int market)
    {
        return engine.state().accounts().find(address(name)).subaccount(subaccount).positionSizeIn(market);
    }

    public Event.Rejected lastRejection()
    {
        final Event last = events.last();
        return last instanceof Event.Rejected ? (Event.Rejected)last : null;
    }
}
