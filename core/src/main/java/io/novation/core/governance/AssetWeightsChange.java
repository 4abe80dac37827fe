package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;
import io.novation.core.market.Asset;

import static io.novation.core.money.FixedPoint.PPM;

/**
 * A collateral asset's weights, ppm of its oracle value counted toward initial and maintenance margin; the quote
 * asset's weights stay one. It loosens risk when either weight rises.
 *
 * @param assetId              a non-quote asset.
 * @param initialWeightPpm     weight for initial margin, in (0, 1,000,000].
 * @param maintenanceWeightPpm weight for maintenance margin, in [initial weight, 1,000,000].
 */
public record AssetWeightsChange(int assetId, long initialWeightPpm, long maintenanceWeightPpm)
    implements RiskParameterChange
{
    /** The binary tag. */
    public static final int TAG = 4;
    /** The JSON kind. */
    public static final String KIND = "assetWeights";

    @Override
    public int tag()
    {
        return TAG;
    }

    @Override
    public String kind()
    {
        return KIND;
    }

    @Override
    public ChangeCheck check(final GovernedBooks books)
    {
        if (books.markets().asset(assetId) == null)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.UNKNOWN_ASSET, "no asset " + assetId);
        }
        if (assetId == Asset.QUOTE_ASSET_ID || initialWeightPpm <= 0 || initialWeightPpm > PPM ||
            maintenanceWeightPpm < initialWeightPpm || maintenanceWeightPpm > PPM)
        {
            return ChangeCheck.fail(ChangeCheck.Problem.OUT_OF_RANGE, "weights: initial in (0, 100%], maintenance " +
                "in [initial, 100%]; the quote asset's weights stay 100%");
        }
        return ChangeCheck.VALID;
    }

    @Override
    public boolean loosens(final GovernedBooks books)
    {
        final Asset current = books.markets().asset(assetId);
        return initialWeightPpm > current.initialWeightPpm() || maintenanceWeightPpm > current.maintenanceWeightPpm();
    }

    @Override
    public void applyTo(final GovernedState state)
    {
        state.assetWeights(assetId, initialWeightPpm, maintenanceWeightPpm);
    }

    @Override
    public void encode(final BinaryWriter out)
    {
        out.putInt(assetId).putLong(initialWeightPpm).putLong(maintenanceWeightPpm);
    }
}
