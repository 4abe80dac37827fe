package io.novation.node.warning;

import io.novation.core.account.Address;

/**
 * A notification that a subaccount's health (maintenance net collateral over maintenance requirement, in ppm) fell
 * below a warning threshold (ppm) with the command of {@code sequence}; amounts in quote quantums (1e-6 USDC). Not
 * state: nothing in the engine or its root depends on it.
 *
 * @param sequence               the last durable command when the health was read.
 * @param owner                  the account.
 * @param subaccount             the subaccount number.
 * @param thresholdPpm           the lowest threshold crossed, ppm (1,050,000 = 1.05).
 * @param healthPpm              the health when read, ppm, rounded down.
 * @param netCollateral          maintenance net collateral, quote quantums.
 * @param maintenanceRequirement maintenance margin requirement, quote quantums.
 */
public record MarginWarning(long sequence, Address owner, int subaccount, long thresholdPpm, long healthPpm,
    long netCollateral, long maintenanceRequirement)
{
    /**
     * The message of the account's private stream.
     *
     * @return compact JSON with "type" "MarginWarning".
     */
    public String json()
    {
        return "{\"type\":\"MarginWarning\",\"sequence\":" + sequence + ",\"owner\":\"" + owner +
            "\",\"subaccount\":" + subaccount + ",\"thresholdPpm\":" + thresholdPpm + ",\"healthPpm\":" + healthPpm +
            ",\"netCollateral\":" + netCollateral + ",\"maintenanceRequirement\":" + maintenanceRequirement + "}";
    }
}
