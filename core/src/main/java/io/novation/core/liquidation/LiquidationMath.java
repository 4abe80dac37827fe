package io.novation.core.liquidation;

import java.math.BigInteger;

/**
 * The prices of a liquidation, after dYdX v4 ({@code x/clob/keeper/liquidations.go}), in quote quantums for the part
 * of a position being closed. Notation: TNC and TMMR are the subaccount's net collateral and maintenance
 * requirement; PNNV, PMMR and PS the position's net notional value, maintenance requirement and size; DNNV and DMMR
 * the change of the position's notional value and of the subaccount's maintenance requirement when the part closes.
 * Amounts are what the liquidated subaccount receives for the part (negative: pays).
 */
public final class LiquidationMath
{
    private static final BigInteger MILLION = BigInteger.valueOf(1_000_000L);

    private LiquidationMath()
    {
    }

    /**
     * The bankruptcy price of closing a part: {@code −DNNV − TNC·|DMMR| / TMMR}, rounded up, so that closing at it
     * keeps the subaccount's TNC/TMMR ratio, and closing everything at it leaves net collateral exactly zero.
     *
     * @param totalNetCollateral            TNC.
     * @param totalMaintenanceRequirement   TMMR, positive.
     * @param deltaNetNotional              DNNV: position value after minus before.
     * @param deltaMaintenanceRequirement   DMMR: maintenance requirement after minus before.
     * @return quote quantums the subaccount receives for the part at its bankruptcy price.
     */
    public static long bankruptcyQuote(final long totalNetCollateral, final long totalMaintenanceRequirement,
        final long deltaNetNotional, final long deltaMaintenanceRequirement)
    {
        final BigInteger share = ceilDiv(BigInteger.valueOf(totalNetCollateral)
            .multiply(BigInteger.valueOf(Math.abs(deltaMaintenanceRequirement))).negate(),
            BigInteger.valueOf(totalMaintenanceRequirement));
        return share.subtract(BigInteger.valueOf(deltaNetNotional)).longValueExact();
    }

    /**
     * The fillable price of a part (dYdX {@code GetFillablePrice}): the position closes at
     * {@code (PNNV − ABR·SMMR·PMMR) / PS} per base quantum, where {@code ABR = clamp(BA·(1 − TNC/TMMR), 0, 1)}: at
     * maintenance the oracle price, worse by up to SMMR of the maintenance margin as the subaccount nears
     * bankruptcy. The keeper earns that spread.
     *
     * @param positionNetNotional          PNNV of the whole position (signed).
     * @param positionMaintenance          PMMR of the whole position.
     * @param positionSize                 PS, signed base quantums of the whole position.
     * @param partSize                     base quantums being closed, positive, at most |PS|.
     * @param totalNetCollateral           TNC.
     * @param totalMaintenanceRequirement  TMMR, positive.
     * @param parameters                   BA and SMMR.
     * @return quote quantums the subaccount receives for the part (floor).
     */
    public static long fillableQuote(final long positionNetNotional, final long positionMaintenance,
        final long positionSize, final long partSize, final long totalNetCollateral,
        final long totalMaintenanceRequirement, final LiquidationParameters parameters)
    {
        // ABR = min(1, max(0, BA·(TMMR − TNC) / (1e6·TMMR))) as a fraction abrNum / abrDen.
        final BigInteger tmmr = BigInteger.valueOf(totalMaintenanceRequirement);
        final BigInteger abrDen = MILLION.multiply(tmmr);
        BigInteger abrNum = BigInteger.valueOf(parameters.bankruptcyAdjustmentPpm())
            .multiply(tmmr.subtract(BigInteger.valueOf(totalNetCollateral)));
        abrNum = abrNum.max(BigInteger.ZERO).min(abrDen);
        // value = (PNNV − ABR·SMMR·PMMR)·part/|PS| = (PNNV·abrDen·1e6 − abrNum·SMMR·PMMR)·part / (abrDen·1e6·|PS|)
        final BigInteger numerator = BigInteger.valueOf(positionNetNotional).multiply(abrDen).multiply(MILLION)
            .subtract(abrNum.multiply(BigInteger.valueOf(parameters.spreadToMaintenanceMarginRatioPpm()))
                .multiply(BigInteger.valueOf(positionMaintenance)))
            .multiply(BigInteger.valueOf(partSize));
        final BigInteger denominator = abrDen.multiply(MILLION).multiply(BigInteger.valueOf(Math.abs(positionSize)));
        return floorDiv(numerator, denominator).longValueExact();
    }

    /**
     * What the insurance fund gains from a liquidation (dYdX {@code GetLiquidationInsuranceFundDelta}): the surplus
     * of the fill over the bankruptcy price, at most {@code maxFee·|fill|}; or, negative, the deficit it pays.
     *
     * @param fillQuote       quote quantums the subaccount receives for the part at the fill (negative: pays).
     * @param bankruptcyQuote the same at the bankruptcy price.
     * @param maxFeePpm       the fee cap.
     * @return the fund's change in quote quantums.
     */
    public static long insuranceFundDelta(final long fillQuote, final long bankruptcyQuote, final long maxFeePpm)
    {
        final long surplus = Math.subtractExact(fillQuote, bankruptcyQuote);
        if (surplus <= 0)
        {
            return surplus;
        }
        final long cap = BigInteger.valueOf(Math.abs(fillQuote)).multiply(BigInteger.valueOf(maxFeePpm))
            .divide(MILLION).longValueExact();
        return Math.min(surplus, cap);
    }

    static BigInteger floorDiv(final BigInteger a, final BigInteger b)
    {
        final BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && qr[1].signum() != b.signum() ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    static BigInteger ceilDiv(final BigInteger a, final BigInteger b)
    {
        return floorDiv(a.negate(), b).negate();
    }
}
