package io.novation.core.commitment;

import io.novation.core.engine.ClearingState;
import io.novation.core.market.Markets;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

import java.math.BigInteger;

/**
 * What the bridge's escape hatch pays an account from its committed leaf, in quote quantums (1e-6 USDC), and the
 * escape price table each batch commits to by its hash. The table is the number of perpetual markets P (2 bytes), then
 * 9 bytes per perpetual market in id order: the oracle price (8, price units, 0 when none) and the notional exponent
 * {@code e = priceExponent + atomicResolution + 6} (1, signed); then 9 bytes per option series in id order, entry
 * {@code P + (id − 65,536)}: the series' intrinsic value at its underlying's committed price ({@code max(0, S − K)} for
 * a call, {@code max(0, K − S)} for a put, in the underlying's price units) and the same exponent with the series'
 * atomic resolution. An account is worth {@code max(0, Σ_subaccounts (quote balance + Σ_positions floor(size · price ·
 * 10^e)))}: its USDC collateral plus its perpetuals marked and its options valued at intrinsic value at the committed
 * prices, netted across its subaccounts; other collateral assets (the bridge holds only USDC), accrued unsettled
 * funding and margin requirements are left out. The bridge contract computes exactly this.
 */
public final class EscapeValuation
{
    /** Bytes per market in the price table. */
    public static final int PRICE_ENTRY_LENGTH = 9;
    /** Bytes of the table's header: the number of perpetual markets. */
    public static final int HEADER_LENGTH = 2;

    private EscapeValuation()
    {
    }

    /**
     * The escape price table of a state.
     *
     * @param state the engine state.
     * @return 9 bytes per perpetual market.
     */
    public static byte[] priceTable(final ClearingState state)
    {
        final Markets markets = state.markets();
        final OracleBook oracles = state.oracles();
        final int perpetuals = markets.perpetualCount();
        final byte[] table = new byte[HEADER_LENGTH + (perpetuals + markets.optionCount()) * PRICE_ENTRY_LENGTH];
        table[0] = (byte)(perpetuals >>> 8);
        table[1] = (byte)perpetuals;
        for (int i = 0; i < perpetuals; i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            put(table, i, oracles.price(market.oracleId()),
                oracles.priceExponent(market.oracleId()) + market.atomicResolution() + 6);
        }
        for (int i = 0; i < markets.optionCount(); i++)
        {
            final io.novation.core.market.OptionSeries series = markets.optionAt(i);
            final long price = oracles.price(series.oracleId());
            final long intrinsic = price == OracleBook.NO_PRICE ? 0 : Math.max(0,
                series.type() == io.novation.core.pricing.OptionType.CALL ? price - series.strike() :
                series.strike() - price);
            put(table, perpetuals + series.id() - io.novation.core.market.OptionSeries.FIRST_ID, intrinsic,
                oracles.priceExponent(series.oracleId()) + series.atomicResolution() + 6);
        }
        return table;
    }

    private static void put(final byte[] table, final int entry, final long price, final int exponent)
    {
        final int offset = HEADER_LENGTH + entry * PRICE_ENTRY_LENGTH;
        for (int b = 0; b < 8; b++)
        {
            table[offset + b] = (byte)(price >>> (56 - 8 * b));
        }
        table[offset + 8] = (byte)exponent;
    }

    /**
     * The value of an account leaf at the prices of a table.
     *
     * @param leaf       the account leaf's data (docs/protocol.md §8).
     * @param priceTable the committed price table.
     * @return quote quantums, at least 0.
     * @throws IllegalArgumentException when the leaf is malformed or names a market the table lacks.
     */
    public static BigInteger accountValue(final byte[] leaf, final byte[] priceTable)
    {
        final Cursor in = new Cursor(leaf);
        in.skip(20 + 8);
        final int subaccounts = in.unsigned(2);
        BigInteger total = BigInteger.ZERO;
        for (int s = 0; s < subaccounts; s++)
        {
            in.skip(2 + 8 + 8 + 1); // number, realized PnL, last liquidated at, portfolio-margin flag
            final int balances = in.unsigned(2);
            for (int b = 0; b < balances; b++)
            {
                final int asset = in.unsigned(2);
                final long quantums = in.signed64();
                if (asset == 0)
                {
                    total = total.add(BigInteger.valueOf(quantums));
                }
            }
            final int positions = in.unsigned(2);
            for (int p = 0; p < positions; p++)
            {
                final int market = (int)in.signed(4);
                final long size = in.signed64();
                in.skip(16);
                total = total.add(notional(size, market, priceTable));
            }
        }
        if (in.position != leaf.length)
        {
            throw new IllegalArgumentException("leaf has " + (leaf.length - in.position) + " bytes left over");
        }
        return total.signum() < 0 ? BigInteger.ZERO : total;
    }

    private static BigInteger notional(final long size, final int market, final byte[] priceTable)
    {
        if (priceTable.length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("the price table has no header");
        }
        final int perpetuals = ((priceTable[0] & 0xFF) << 8) | (priceTable[1] & 0xFF);
        final long entryIndex = market < io.novation.core.market.OptionSeries.FIRST_ID ?
            (market < perpetuals ? market : -1) : perpetuals + (long)market - io.novation.core.market.OptionSeries.FIRST_ID;
        if (market < 0 || entryIndex < 0 || HEADER_LENGTH + (entryIndex + 1) * PRICE_ENTRY_LENGTH > priceTable.length)
        {
            throw new IllegalArgumentException("no price for market " + market);
        }
        final Cursor entry = new Cursor(priceTable);
        entry.skip(HEADER_LENGTH + (int)entryIndex * PRICE_ENTRY_LENGTH);
        final long price = entry.signed64();
        final int exponent = (int)entry.signed(1);
        final BigInteger product = BigInteger.valueOf(size).multiply(BigInteger.valueOf(price));
        if (exponent >= 0)
        {
            return product.multiply(BigInteger.TEN.pow(exponent));
        }
        final BigInteger[] division = product.divideAndRemainder(BigInteger.TEN.pow(-exponent));
        return division[1].signum() < 0 ? division[0].subtract(BigInteger.ONE) : division[0];
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

        long signed64()
        {
            return signed(8);
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
            if (position + count > bytes.length)
            {
                throw new IllegalArgumentException("leaf ends early at byte " + position);
            }
        }
    }
}
