package io.novation.chain;

import io.novation.core.account.Address;
import io.novation.core.engine.PendingWithdrawals;
import io.novation.core.market.Asset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The committer's withdrawal totals (quantums per asset id): one slot per asset id the engine can create, summed
 * exactly, and a withdrawal of an asset id without a slot refused rather than left out of the totals.
 */
class WithdrawalTotalsTest
{
    private static final Address OWNER = Address.parse("0x00000000000000000000000000000000000000aa");

    @Test
    void shouldHoldOneSlotPerAssetIdTheEngineCanCreate()
    {
        assertThat(BridgeClient.WITHDRAWAL_ASSETS).isEqualTo(Asset.MAX_BRIDGED_ASSETS);
    }

    @Test
    void shouldSumEachAssetsWithdrawalsInItsOwnSlotUpToTheLastBridgedAssetId()
    {
        final int last = Asset.MAX_BRIDGED_ASSETS - 1;
        final long[] totals = BridgeClient.withdrawalTotals(List.of(entry(1, 0, 7), entry(2, last, 5),
            entry(3, 0, 11), entry(4, last, Long.MAX_VALUE - 5)));

        assertThat(totals).containsExactly(18, 0, 0, Long.MAX_VALUE);
    }

    @Test
    void shouldRefuseAWithdrawalOfAnAssetIdWithoutASlot()
    {
        assertThatThrownBy(() -> BridgeClient.withdrawalTotals(List.of(entry(1, 0, 7),
            entry(2, Asset.MAX_BRIDGED_ASSETS, 1))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("asset " + Asset.MAX_BRIDGED_ASSETS).hasMessageContaining("0 to 3");
    }

    @Test
    void shouldRefuseTotalsThatLeaveTheRangeOfALong()
    {
        assertThatThrownBy(() -> BridgeClient.withdrawalTotals(List.of(entry(1, 2, Long.MAX_VALUE), entry(2, 2, 1))))
            .isInstanceOf(ArithmeticException.class);
    }

    private static PendingWithdrawals.Entry entry(final long id, final int asset, final long amount)
    {
        return new PendingWithdrawals.Entry(id, OWNER, asset, amount, new byte[32]);
    }
}
