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
}
