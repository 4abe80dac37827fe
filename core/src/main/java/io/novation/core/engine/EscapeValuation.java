package io.novation.core.engine;

import io.novation.core.funding.FundingParameters;
import io.novation.core.funding.MarketFunding;
import io.novation.core.market.Asset;
import io.novation.core.market.Markets;
import io.novation.core.market.OptionSeries;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;
import io.novation.core.pricing.OptionType;
import io.novation.core.commitment.LeafEncoding;

import java.math.BigInteger;

/**
 * What the bridge's escape hatch owes an account from its committed leaf, per asset in quantums of that asset, and
 * the escape price table (version 2) each batch commits to by its hash; documented byte for byte in
 * docs/protocol.md §15. The table is: version (1, = 2); asset count A (2) and per asset in id order its oracle price
 * (8) and exponent {@code e = priceExponent − decimals + 6} (1; asset 0, USDC, is price 1 and exponent 0); perpetual
 * count P (2) and per perpetual market in id order its oracle price (8), notional exponent
 * {@code e = priceExponent + atomicResolution + 6} (1), the index a long settles funding against (8) and the index a
 * short settles against (8) (the cumulative funding index with each side's socialized-loss index,
 * {@link MarketFunding#indexFor}); option count O (2) and per option series in id order its intrinsic value at its
 * underlying's committed price (8), exponent (1), and the indices a long and a short settle socialized losses
 * against (8 each; an option pays no funding). Per subaccount the quote value is its USDC balance plus, per
 * position, {@code floor(size · price · 10^e)} and its accrued funding or socialized loss
 * {@code floor((positionIndex − sideIndex) · size / 1e9)}; a subaccount's other assets are owed in kind,
 * except that a negative quote value is covered from them in asset id order at their committed prices (quantums taken
 * rounded up; the taken quantums are the account's seized collateral, which the bridge pays to the USDC claimants)
 * and what they cannot cover is dropped: no subaccount is worth less than zero. The account's claim of an asset, and
 * its seized quantums, are the sums over its subaccounts. The bridge contract computes exactly this.
 */
public final class EscapeValuation
{
    /** Version byte that opens a price table of this layout. */
    public static final int VERSION = 2;
    /** Bytes per asset in the price table: price and exponent. */
    public static final int ASSET_ENTRY_LENGTH = 9;
    /** Bytes per perpetual market in the price table: price, exponent, long index and short index. */
    public static final int PERPETUAL_ENTRY_LENGTH = 25;
    /** Bytes per option series in the price table: intrinsic value, exponent, long and short loss indices. */
    public static final int OPTION_ENTRY_LENGTH = 25;
    /** Bytes per market of the version-1 table (no version byte; perpetual count, then price and exponent). */
    public static final int LEGACY_ENTRY_LENGTH = 9;

    private static final BigInteger PPB = BigInteger.valueOf(FundingParameters.PPB);

    private EscapeValuation()
    {
    }

    /**
     * The escape price table of a state.
     *
     * @param state the engine state.
     * @return the version-2 table.
     */
    public static byte[] priceTable(final ClearingState state)
    {
        final Markets markets = state.markets();
        final OracleBook oracles = state.oracles();
        final LeafEncoding out = new LeafEncoding();
        out.putByte(VERSION);
        out.putShort(markets.assetCount());
        for (int id = 0; id < markets.assetCount(); id++)
        {
            final Asset asset = markets.asset(id);
            if (asset.isQuote())
            {
                out.putLong(1).putByte(0);
            }
            else
            {
                out.putLong(oracles.price(asset.oracleId()))
                    .putByte(oracles.priceExponent(asset.oracleId()) - asset.decimals() + 6);
            }
        }
        out.putShort(markets.perpetualCount());
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            final MarketFunding funding = market.funding();
            out.putLong(oracles.price(market.oracleId()))
                .putByte(oracles.priceExponent(market.oracleId()) + market.atomicResolution() + 6)
                .putLong(funding.indexFor(1)).putLong(funding.indexFor(-1));
        }
        out.putShort(markets.optionCount());
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final OptionSeries series = markets.optionAt(i);
            // A series whose settlement price is fixed is worth its payoff at that price, whatever the index does.
            final long price = series.settlementPrice() != OracleBook.NO_PRICE ? series.settlementPrice() :
                oracles.price(series.oracleId());
            final long intrinsic = price == OracleBook.NO_PRICE ? 0 : Math.max(0,
                series.type() == OptionType.CALL ? price - series.strike() : series.strike() - price);
            out.putLong(intrinsic).putByte(oracles.priceExponent(series.oracleId()) + series.atomicResolution() + 6)
                .putLong(series.funding().indexFor(1)).putLong(series.funding().indexFor(-1));
        }
        return out.toBytes();
    }

    /**
     * What an account leaf is owed in USDC (asset 0) at the prices of a table; for a version-1 table, the value of
     * that version: {@code max(0, Σ_subaccounts (USDC balance + Σ_positions floor(size · price · 10^e)))}.
     *
     * @param leaf       the account leaf's data (docs/protocol.md §8).
     * @param priceTable a committed price table.
     * @return quote quantums, at least 0.
     * @throws IllegalArgumentException when the leaf is malformed or names an asset or market the table lacks.
     */
    public static BigInteger accountValue(final byte[] leaf, final byte[] priceTable)
    {
        return isLegacy(priceTable) ? legacyAccountValue(leaf, priceTable) : accountClaims(leaf, priceTable)[0];
    }

    /**
     * Whether a table is of version 1 (it opens with the 2-byte perpetual count, never with the byte 2 for the
     * fewer than 512 perpetual markets a version-1 table held).
     *
     * @param priceTable the table.
     * @return true for version 1.
     */
    public static boolean isLegacy(final byte[] priceTable)
    {
        return priceTable.length == 0 || (priceTable[0] & 0xFF) != VERSION;
    }

    /**
     * What an account leaf is owed per asset at the prices of a version-2 table.
     *
     * @param leaf       the account leaf's data (docs/protocol.md §8).
     * @param priceTable the committed version-2 price table.
     * @return per asset id (the table's asset count of them), quantums of that asset, each at least 0.
     * @throws IllegalArgumentException when the leaf or table is malformed or the leaf names an asset or market the
     *                                  table lacks.
     */
    public static BigInteger[] accountClaims(final byte[] leaf, final byte[] priceTable)
    {
        final Table table = new Table(priceTable);
        final BigInteger[] claims = zeros(table.assets);
        valuate(leaf, table, claims, zeros(table.assets));
        return claims;
    }

    /**
     * The quantums of each asset a leaf's subaccounts give up at a version-2 table to cover their negative quote
     * values (the "taken" of docs/protocol.md §15): collateral the leaf is no longer owed, which the bridge pays to
     * the USDC claimants, whose claims exceed the USDC held by the deficits it covers.
     *
     * @param leaf       the account leaf's data (docs/protocol.md §8).
     * @param priceTable the committed version-2 price table.
     * @return per asset id (the table's asset count of them), quantums of that asset, each at least 0 (0 for USDC).
     * @throws IllegalArgumentException as {@link #accountClaims}.
     */
    public static BigInteger[] accountSeized(final byte[] leaf, final byte[] priceTable)
    {
        final Table table = new Table(priceTable);
        final BigInteger[] seized = zeros(table.assets);
        valuate(leaf, table, zeros(table.assets), seized);
        return seized;
    }

    /**
     * The quote value a leaf's subaccounts are short at a version-2 table after their other assets covered what they
     * could: the deficit the escape drops ("no subaccount is worth less than zero"), summed over the subaccounts. A
     * positive shortfall is a negative equity, which the proof of solvency refuses (docs/solvency.md).
     *
     * @param leaf       the account leaf's data (docs/protocol.md §8).
     * @param priceTable the committed version-2 price table.
     * @return quote quantums, at least 0.
     * @throws IllegalArgumentException as {@link #accountClaims}.
     */
    public static BigInteger accountShortfall(final byte[] leaf, final byte[] priceTable)
    {
        final Table table = new Table(priceTable);
        final BigInteger[] shortfall = zeros(1);
        valuate(leaf, table, zeros(table.assets), zeros(table.assets), shortfall);
        return shortfall[0];
    }

    private static BigInteger[] zeros(final int count)
    {
        final BigInteger[] values = new BigInteger[count];
        java.util.Arrays.fill(values, BigInteger.ZERO);
        return values;
    }

    /** Adds a leaf's claims and seized quantums per asset into the two arrays. */
    private static void valuate(final byte[] leaf, final Table table, final BigInteger[] claims,
        final BigInteger[] seized)
    {
        valuate(leaf, table, claims, seized, zeros(1));
    }

    /** Adds a leaf's claims, seized quantums per asset and uncovered deficit (quote quantums) into the arrays. */
    private static void valuate(final byte[] leaf, final Table table, final BigInteger[] claims,
        final BigInteger[] seized, final BigInteger[] shortfall)
    {
        final Cursor in = new Cursor(leaf);
        in.skip(20 + 8);
        final int subaccounts = in.unsigned(2);
        final BigInteger[] balances = new BigInteger[table.assets];
        for (int s = 0; s < subaccounts; s++)
        {
            in.skip(2 + 8 + 8 + 1); // number, realized PnL, last liquidated at, margin mode
            java.util.Arrays.fill(balances, BigInteger.ZERO);
            BigInteger quote = BigInteger.ZERO;
            final int count = in.unsigned(2);
            for (int b = 0; b < count; b++)
            {
                final int asset = in.unsigned(2);
                final long quantums = in.signed(8);
                if (asset >= table.assets)
                {
                    throw new IllegalArgumentException("no price for asset " + asset);
                }
                if (asset == Asset.QUOTE_ASSET_ID)
                {
                    quote = quote.add(BigInteger.valueOf(quantums));
                }
                else if (quantums < 0)
                {
                    quote = quote.add(table.assetValue(asset, quantums));
                }
                else
                {
                    balances[asset] = BigInteger.valueOf(quantums);
                }
            }
            final int positions = in.unsigned(2);
            for (int p = 0; p < positions; p++)
            {
                final int market = (int)in.signed(4);
                final long size = in.signed(8);
                in.skip(8);
                final long fundingIndex = in.signed(8);
                quote = quote.add(table.positionValue(market, size, fundingIndex));
            }
            BigInteger deficit = quote.signum() < 0 ? quote.negate() : BigInteger.ZERO;
            for (int asset = 1; asset < table.assets && deficit.signum() > 0; asset++)
            {
                if (balances[asset].signum() == 0 || table.price(asset).signum() <= 0)
                {
                    continue;
                }
                final BigInteger taken = table.quantumsCovering(asset, deficit);
                if (taken.compareTo(balances[asset]) <= 0)
                {
                    balances[asset] = balances[asset].subtract(taken);
                    seized[asset] = seized[asset].add(taken);
                    deficit = BigInteger.ZERO;
                }
                else
                {
                    deficit = deficit.subtract(table.assetValue(asset, balances[asset].longValueExact()));
                    seized[asset] = seized[asset].add(balances[asset]);
                    balances[asset] = BigInteger.ZERO;
                }
            }
            shortfall[0] = shortfall[0].add(deficit);
            claims[0] = claims[0].add(quote.max(BigInteger.ZERO));
            for (int asset = 1; asset < table.assets; asset++)
            {
                claims[asset] = claims[asset].add(balances[asset]);
            }
        }
        if (in.position != leaf.length)
        {
            throw new IllegalArgumentException("leaf has " + (leaf.length - in.position) + " bytes left over");
        }
    }

    private static BigInteger legacyAccountValue(final byte[] leaf, final byte[] priceTable)
    {
        final Cursor in = new Cursor(leaf);
        in.skip(20 + 8);
        final int subaccounts = in.unsigned(2);
        BigInteger total = BigInteger.ZERO;
        final Cursor header = new Cursor(priceTable);
        final int perpetuals = header.unsigned(2);
        for (int s = 0; s < subaccounts; s++)
        {
            in.skip(2 + 8 + 8 + 1);
            final int balances = in.unsigned(2);
            for (int b = 0; b < balances; b++)
            {
                final int asset = in.unsigned(2);
                final long quantums = in.signed(8);
                total = asset == 0 ? total.add(BigInteger.valueOf(quantums)) : total;
            }
            final int positions = in.unsigned(2);
            for (int p = 0; p < positions; p++)
            {
                final int market = (int)in.signed(4);
                final long size = in.signed(8);
                in.skip(16);
                final long entry = market < OptionSeries.FIRST_ID ? (market < perpetuals ? market : -1) :
                    perpetuals + (long)market - OptionSeries.FIRST_ID;
                if (market < 0 || entry < 0 || 2 + (entry + 1) * LEGACY_ENTRY_LENGTH > priceTable.length)
                {
                    throw new IllegalArgumentException("no price for market " + market);
                }
                final Cursor at = new Cursor(priceTable);
                at.skip(2 + (int)entry * LEGACY_ENTRY_LENGTH);
                total = total.add(scale(BigInteger.valueOf(size).multiply(BigInteger.valueOf(at.signed(8))),
                    (int)at.signed(1)));
            }
        }
        if (in.position != leaf.length)
        {
            throw new IllegalArgumentException("leaf has " + (leaf.length - in.position) + " bytes left over");
        }
        return total.max(BigInteger.ZERO);
    }

    /** {@code floor(product · 10^exponent)}. */
    private static BigInteger scale(final BigInteger product, final int exponent)
    {
        if (exponent >= 0)
        {
            return product.multiply(BigInteger.TEN.pow(exponent));
        }
        final BigInteger[] division = product.divideAndRemainder(BigInteger.TEN.pow(-exponent));
        return division[1].signum() < 0 ? division[0].subtract(BigInteger.ONE) : division[0];
    }

    /** {@code floor(numerator / denominator)}, denominator positive. */
    private static BigInteger floorDiv(final BigInteger numerator, final BigInteger denominator)
    {
        final BigInteger[] division = numerator.divideAndRemainder(denominator);
        return division[1].signum() < 0 ? division[0].subtract(BigInteger.ONE) : division[0];
    }

    /** A parsed version-2 price table. */
    private static final class Table
    {
        private final byte[] bytes;
        private final int assets;
        private final int assetsAt;
        private final int perpetuals;
        private final int perpetualsAt;
        private final int options;
        private final int optionsAt;

        Table(final byte[] bytes)
        {
            this.bytes = bytes;
            final Cursor in = new Cursor(bytes);
            if (in.unsigned(1) != VERSION)
            {
                throw new IllegalArgumentException("price table version is not " + VERSION);
            }
            assets = in.unsigned(2);
            assetsAt = in.position;
            in.skip(assets * ASSET_ENTRY_LENGTH);
            perpetuals = in.unsigned(2);
            perpetualsAt = in.position;
            in.skip(perpetuals * PERPETUAL_ENTRY_LENGTH);
            options = in.unsigned(2);
            optionsAt = in.position;
            in.skip(options * OPTION_ENTRY_LENGTH);
            if (assets == 0 || in.position != bytes.length)
            {
                throw new IllegalArgumentException("malformed price table");
            }
        }

        BigInteger price(final int asset)
        {
            return BigInteger.valueOf(at(assetsAt + asset * ASSET_ENTRY_LENGTH).signed(8));
        }

        /** {@code floor(quantums · price · 10^e)} of an asset. */
        BigInteger assetValue(final int asset, final long quantums)
        {
            final Cursor entry = at(assetsAt + asset * ASSET_ENTRY_LENGTH);
            final long price = entry.signed(8);
            return scale(BigInteger.valueOf(quantums).multiply(BigInteger.valueOf(price)), (int)entry.signed(1));
        }

        /** The least quantums of an asset worth at least {@code value} quote quantums: ceil(value / (p · 10^e)). */
        BigInteger quantumsCovering(final int asset, final BigInteger value)
        {
            final Cursor entry = at(assetsAt + asset * ASSET_ENTRY_LENGTH);
            final BigInteger price = BigInteger.valueOf(entry.signed(8));
            final int exponent = (int)entry.signed(1);
            final BigInteger numerator = exponent >= 0 ? value : value.multiply(BigInteger.TEN.pow(-exponent));
            final BigInteger denominator = exponent >= 0 ? price.multiply(BigInteger.TEN.pow(exponent)) : price;
            return floorDiv(numerator.negate(), denominator).negate();
        }

        /** Mark value plus accrued funding of a position, quote quantums, each part rounded down. */
        BigInteger positionValue(final int market, final long size, final long fundingIndex)
        {
            final BigInteger signed = BigInteger.valueOf(size);
            if (market >= 0 && market < OptionSeries.FIRST_ID)
            {
                if (market >= perpetuals)
                {
                    throw new IllegalArgumentException("no price for market " + market);
                }
                final Cursor entry = at(perpetualsAt + market * PERPETUAL_ENTRY_LENGTH);
                final BigInteger mark = scale(signed.multiply(BigInteger.valueOf(entry.signed(8))),
                    (int)entry.signed(1));
                final long longIndex = entry.signed(8);
                final long shortIndex = entry.signed(8);
                final long sideIndex = size >= 0 ? longIndex : shortIndex;
                final BigInteger funding = floorDiv(BigInteger.valueOf(fundingIndex)
                    .subtract(BigInteger.valueOf(sideIndex)).multiply(signed), PPB);
                return mark.add(funding);
            }
            final long series = (long)market - OptionSeries.FIRST_ID;
            if (market < 0 || series >= options)
            {
                throw new IllegalArgumentException("no price for market " + market);
            }
            final Cursor entry = at(optionsAt + (int)series * OPTION_ENTRY_LENGTH);
            final BigInteger intrinsic = scale(signed.multiply(BigInteger.valueOf(entry.signed(8))),
                (int)entry.signed(1));
            final long longIndex = entry.signed(8);
            final long shortIndex = entry.signed(8);
            final long sideIndex = size >= 0 ? longIndex : shortIndex;
            return intrinsic.add(floorDiv(BigInteger.valueOf(fundingIndex).subtract(BigInteger.valueOf(sideIndex))
                .multiply(signed), PPB));
        }

        private Cursor at(final int offset)
        {
            final Cursor cursor = new Cursor(bytes);
            cursor.skip(offset);
            return cursor;
        }
    }

    private static final class Cursor
    {
        private final byte[] bytes;
        private int position;

        Cursor(final byte[] bytes)
        {
            this.bytes = bytes;
        }

        void skip(final int count)
        {
            require(count);
            position += count;
        }

        int unsigned(final int count)
        {
            return (int)(signed(count) & ((1L << (8 * count)) - 1));
        }

        long signed(final int count)
        {
            require(count);
            long value = bytes[position];
            for (int i = 1; i < count; i++)
            {
                value = (value << 8) | (bytes[position + i] & 0xFF);
            }
            position += count;
            return value;
        }

        private void require(final int count)
        {
            if (count < 0 || position + count > bytes.length)
            {
                throw new IllegalArgumentException("encoding ends early at byte " + position);
            }
        }
    }
}
