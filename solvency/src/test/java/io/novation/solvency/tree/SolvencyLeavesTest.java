package io.novation.solvency.tree;

import io.novation.core.account.Account;
import io.novation.core.command.CreateAsset;
import io.novation.core.commitment.LeafEncoding;
import io.novation.core.crypto.Keccak256;
import io.novation.core.engine.ClearingEngine;
import io.novation.core.engine.EscapeValuation;
import io.novation.core.market.Asset;
import io.novation.testkit.Testnet;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leaves from an engine's state: the escape valuation's claims per asset, the owner's address as key, the seed's
 * salt; refusals of a negative equity, of more than four assets and of a price table the batch did not commit.
 */
class SolvencyLeavesTest
{
    private static final SolvencySeed SEED = SolvencySeed.of(BigInteger.valueOf(99));

    @Test
    void shouldTakeEachAccountsEscapeClaimsAsItsEquities()
    {
        final PlainVenue venue = tradedVenue(60_000);
        final ClearingEngine engine = venue.replica();

        final List<SolvencyLeaf> leaves = SolvencyLeaves.of(engine.state(), 3,
            Keccak256.hash(EscapeValuation.priceTable(engine.state())), SEED);

        assertThat(leaves).hasSize(engine.state().accounts().count()).hasSizeGreaterThanOrEqualTo(2);
        final byte[] table = EscapeValuation.priceTable(engine.state());
        for (int i = 0; i < engine.state().accounts().count(); i++)
        {
            final Account account = engine.state().accounts().at(i);
            final BigInteger key = SolvencyLeaves.accountKey(account.owner().toBytes());
            final SolvencyLeaf leaf = leaves.stream().filter(l -> l.accountKey().equals(key)).findFirst()
                .orElseThrow();
            final BigInteger[] claims = EscapeValuation.accountClaims(new LeafEncoding().putAccount(account)
                .toBytes(), table);
            for (int slot = 0; slot < 4; slot++)
            {
                assertThat(leaf.equity(slot)).isEqualTo(slot < claims.length ? claims[slot] : BigInteger.ZERO);
            }
            assertThat(leaf.salt()).isEqualTo(SEED.salt(3, key));
        }
        final BigInteger alice = SolvencyLeaves.accountKey(Testnet.address("alice").toBytes());
        assertThat(leaves.stream().filter(l -> l.accountKey().equals(alice)).findFirst().orElseThrow().equity(0))
            .isPositive();
    }

    @Test
    void shouldRefuseAnAccountWhoseLossesExceedItsCollateral()
    {
        final PlainVenue venue = tradedVenue(60_000);
        for (long price = 59_000; price >= 30_000; price -= 1_000)
        {
            venue.price(price);
        }
        final ClearingEngine engine = venue.replica();
        assertThat(engine.state().oracles().price(0)).isLessThan(40_000 * Testnet.USD);

        assertThatThrownBy(() -> SolvencyLeaves.of(engine.state(), 3, null, SEED))
            .isInstanceOf(SolvencyException.class).hasMessageContaining("negative")
            .satisfies(ex -> assertThat(((SolvencyException)ex).reason())
                .isEqualTo(SolvencyException.Reason.NEGATIVE_EQUITY));
    }

    @Test
    void shouldRefuseAnotherPriceTableAndAPriceTableOfMoreThanFourAssets()
    {
        final PlainVenue venue = tradedVenue(60_000);
        final ClearingEngine engine = venue.replica();
        assertThatThrownBy(() -> SolvencyLeaves.of(engine.state(), 3, new byte[32], SEED))
            .isInstanceOf(SolvencyException.class)
            .satisfies(ex -> assertThat(((SolvencyException)ex).reason())
                .isEqualTo(SolvencyException.Reason.PRICES_MISMATCH));

        for (int id = 2; id <= 4; id++)
        {
            venue.governance(new CreateAsset(venue.nextTime(), id, "X" + id, 8, "ETH-USD", -6, 800_000, 900_000));
        }
        // The engine creates no fifth asset (ASSET_LIMIT), so the batches it seals fit the leaf's slots.
        assertThat(SolvencyTree.ASSETS).isEqualTo(Asset.MAX_BRIDGED_ASSETS);
        assertThat(engine.state().markets().assetCount()).isEqualTo(Asset.MAX_BRIDGED_ASSETS);
        assertThat(SolvencyLeaves.of(engine.state(), 3, null, SEED)).isNotEmpty();

        // A price table of five assets (a state older than the limit) is still refused leaf by leaf.
        final byte[] owner = Testnet.address("alice").toBytes();
        final byte[] emptyLeaf = ByteBuffer.allocate(30).put(owner).array();
        final byte[] fiveAssets = ByteBuffer.allocate(3 + 5 * 9 + 4).put((byte)2).putShort((short)5).array();
        assertThat(EscapeValuation.accountClaims(emptyLeaf, fiveAssets)).hasSize(5);
        assertThatThrownBy(() -> SolvencyLeaves.leaf(BigInteger.ONE, emptyLeaf, fiveAssets, BigInteger.TWO))
            .isInstanceOf(SolvencyException.class)
            .satisfies(ex -> assertThat(((SolvencyException)ex).reason())
                .isEqualTo(SolvencyException.Reason.TOO_MANY_ASSETS));
    }

    static PlainVenue tradedVenue(final long price)
    {
        return TestVenues.traded(price);
    }
}
