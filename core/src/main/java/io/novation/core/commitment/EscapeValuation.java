package io.novation.core.commitment;

import io.novation.core.engine.ClearingState;
import io.novation.core.market.Markets;
import io.novation.core.market.PerpetualMarket;
import io.novation.core.oracle.OracleBook;

import java.math.BigInteger;

/**
 * What the bridge's escape hatch pays an account from its committed leaf, in quote quantums (1e-6 USDC), and the
 * escape price table each batch commits to by its hash. The table has 9 bytes per perpetual market in id order: the
 * oracle price (8, price units, 0 when none) and the notional exponent {@code e = priceExponent + atomicResolution + 6}
 * (1, signed). An account is worth {@code max(0, Σ_subaccounts (quote balance + Σ_positions floor(size · price ·
 * 10^e)))}: its USDC collateral plus its positions marked at the committed prices, netted across its subaccounts;
 * other collateral assets, accrued unsettled funding and margin requirements are left out. The bridge contract
 * computes exactly this.
 */
public final class EscapeValuation
{
    /** Bytes per market in the price table. */
    public static final int PRICE_ENTRY_LENGTH = 9;

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
        final byte[] table = new byte[markets.perpetualCount() * PRICE_ENTRY_LENGTH];
        for (int i = 0; i < markets.perpetualCount(); i++)
        {
            final PerpetualMarket market = markets.perpetual(i);
            final long price = oracles.price(market.oracleId());
            final int exponent = oracles.priceExponent(market.oracleId()) + market.atomicResolution() + 6;
            final int offset = i * PRICE_ENTRY_LENGTH;
            for (int b = 0; b < 8; b++)
            {
                table[offset + b] = (byte)(price >>> (56 - 8 * b));
            }
            table[offset + 8] = (byte)exponent;
        }
        return table;
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
        if (market < 0 || (long)(market + 1) * PRICE_ENTRY_LENGTH > priceTable.length)
        {
            throw new IllegalArgumentException("no price for market " + market);
        }
        final Cursor entry = new Cursor(priceTable);
        entry.skip(market * PRICE_ENTRY_LENGTH);
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
