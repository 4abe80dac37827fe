package io.novation.core.command;

/**
 * Governance: add a collateral asset with the next asset id, priced by an oracle whose prices carry the given
 * exponent, and weighted for initial and maintenance margin in parts per million.
 *
 * @param time                 sequencer time, epoch ms.
 * @param assetId              the next dense asset id.
 * @param symbol               e.g. "ETH".
 * @param decimals             quantums per unit as a power of ten.
 * @param oracle               oracle name, e.g. "ETH-USD".
 * @param priceExponent        exponent of the oracle's prices (price·10^exponent USD per unit).
 * @param initialWeightPpm     initial weight, ppm.
 * @param maintenanceWeightPpm maintenance weight, ppm.
 */
public record CreateAsset(
    long time, int assetId, String symbol, int decimals, String oracle, int priceExponent,
    long initialWeightPpm, long maintenanceWeightPpm) implements Command
{
    /** The descriptor: binary type id 1, JSON {@code createAsset}, role governance. */
    public static final CommandType<CreateAsset> TYPE = CommandType.of(
        1, "createAsset", CommandRole.GOVERNANCE, CreateAsset.class,
        "Governance: add a collateral asset priced by an oracle.",
        ConfigurationCodecs.CREATE_ASSET);

    @Override
    public CreateAsset withTime(final long newTime)
    {
        return newTime == time ? this : new CreateAsset(newTime, assetId, symbol, decimals, oracle, priceExponent,
            initialWeightPpm, maintenanceWeightPpm);
    }

    @Override
    public CommandType<CreateAsset> type()
    {
        return TYPE;
    }

    @Override
    public <R> R accept(final CommandVisitor<R> visitor)
    {
        return visitor.createAsset(this);
    }
}
