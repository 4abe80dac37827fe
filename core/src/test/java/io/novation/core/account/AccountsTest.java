package io.novation.core.account;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountsTest
{
    private static Address address(final long seed, final int variant)
    {
        final byte[] bytes = new byte[Address.LENGTH];
        long x = seed * 0x9E3779B97F4A7C15L + variant;
        for (int i = 0; i < Address.LENGTH; i++)
        {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            bytes[i] = (byte)x;
        }
        // Some addresses differ only in their last word, some only in the middle one.
        if (variant % 3 == 1)
        {
            bytes[19] ^= 1;
        }
        return Address.of(bytes);
    }

    @Property(tries = 30)
    void shouldFindEveryAccountThroughGrowthAndKeepCreationOrder(
        @ForAll @Size(min = 1, max = 5000) final List<Long> seeds)
    {
        final Accounts accounts = new Accounts();
        final Set<Address> created = new LinkedHashSet<>();
        for (int i = 0; i < seeds.size(); i++)
        {
            final Address owner = address(seeds.get(i), i % 7);
            final Account account = accounts.findOrCreate(owner);
            assertThat(account.owner()).isEqualTo(owner);
            created.add(owner);
        }
        assertThat(accounts.count()).isEqualTo(created.size());
        final List<Address> order = new ArrayList<>(created);
        for (int i = 0; i < order.size(); i++)
        {
            assertThat(accounts.at(i).owner()).isEqualTo(order.get(i));
            assertThat(accounts.find(order.get(i))).isSameAs(accounts.at(i));
            assertThat(accounts.findOrCreate(order.get(i))).isSameAs(accounts.at(i));
        }
        assertThat(accounts.find(address(-1, 99))).isNull();
        assertThat(accounts.count()).isEqualTo(created.size());
    }

    @Property(tries = 30)
    void shouldFindSubaccountsByNumberInNumberOrder(@ForAll @Size(max = 40) final List<@net.jqwik.api.constraints.IntRange(max = 255) Integer> numbers)
    {
        final Account account = new Accounts().findOrCreate(address(7, 0));
        for (final int number : numbers)
        {
            assertThat(account.subaccountOrCreate(number).number()).isEqualTo(number);
        }
        final List<Integer> sorted = new ArrayList<>(new java.util.TreeSet<>(numbers));
        assertThat(account.subaccountCount()).isEqualTo(sorted.size());
        for (int i = 0; i < sorted.size(); i++)
        {
            assertThat(account.subaccountAt(i).number()).isEqualTo(sorted.get(i));
            assertThat(account.subaccount(sorted.get(i))).isSameAs(account.subaccountAt(i));
        }
    }

    @Test
    void shouldNumberSubaccountsInCreationOrderAndReportEachChangeOnceUntilCleared()
    {
        final Accounts accounts = new Accounts();
        final Subaccount first = accounts.findOrCreate(address(1, 0)).subaccountOrCreate(3);
        final Subaccount second = accounts.findOrCreate(address(2, 0)).subaccountOrCreate(0);
        final Subaccount third = accounts.findOrCreate(address(1, 0)).subaccountOrCreate(0);
        assertThat(List.of(first.id(), second.id(), third.id())).containsExactly(0, 1, 2);
        assertThat(accounts.subaccountCount()).isEqualTo(3);
        assertThat(accounts.subaccountById(2)).isSameAs(third);
        assertThat(accounts.changedSubaccountCount()).as("creating is no change").isZero();

        second.addBalance(0, 5);
        first.setPosition(7, 10, 100, 0);
        second.addBalance(0, 5);
        first.setPositionFundingIndex(0, 3);
        first.addRealizedPnl(9);
        assertThat(accounts.changedSubaccountCount()).isEqualTo(2);
        assertThat(accounts.changedSubaccount(0)).isSameAs(second);
        assertThat(accounts.changedSubaccount(1)).isSameAs(first);
        // The commitment's channel is independent: draining it leaves this one alone.
        accounts.drainDirty(account -> { });
        assertThat(accounts.changedSubaccountCount()).isEqualTo(2);
        accounts.clearChangedSubaccounts();
        assertThat(accounts.changedSubaccountCount()).isZero();
        third.addBalance(0, 1);
        first.addBalance(0, 1);
        assertThat(accounts.changedSubaccountCount()).isEqualTo(2);
        assertThat(accounts.changedSubaccount(0)).isSameAs(third);

        accounts.claimChangedSubaccounts();
        assertThatThrownBy(accounts::claimChangedSubaccounts)
            .isInstanceOf(IllegalStateException.class);
    }

    @Property(tries = 20)
    void shouldFindEverySubaccountAndItsPositionThroughIndexGrowthAndArrayMoves(
        @ForAll @Size(min = 1, max = 3000) final List<Long> seeds)
    {
        final Accounts accounts = new Accounts();
        final List<Subaccount> created = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++)
        {
            final Account account = accounts.findOrCreate(address(seeds.get(i), i % 7));
            final int number = (int)Math.floorMod(seeds.get(i), 256L);
            final Subaccount subaccount = account.subaccountOrCreate(number);
            // Grow some hot arrays past their first capacity (positions and balances), which moves them.
            final int positions = (int)Math.floorMod(seeds.get(i) >>> 8, 7L);
            for (int market = 0; market < positions; market++)
            {
                subaccount.setPosition(market * 3, market + 1, 0, 0);
            }
            if (i % 5 == 0)
            {
                subaccount.addBalance(3, 10);
            }
            if (!created.contains(subaccount))
            {
                created.add(subaccount);
            }
        }
        final Subaccount[] found = new Subaccount[2];
        final long[][] rows = new long[2][];
        final int[] rowBases = new int[2];
        final int[] positionIndexes = new int[2];
        for (int i = 0; i < created.size(); i++)
        {
            final Subaccount first = created.get(i);
            final Subaccount second = created.get((i * 7 + 3) % created.size());
            assertThat(accounts.findSubaccount(first.account().owner(), first.number())).isSameAs(first);
            for (int market = 0; market < 20; market++)
            {
                accounts.findParties(first.account().owner(), first.number(), second.account().owner(),
                    second.number(), market, found, rows, rowBases, positionIndexes);
                assertThat(found[0]).isSameAs(first);
                assertThat(found[1]).isSameAs(second);
                assertThat(rows[0]).isSameAs(first.rowStore());
                assertThat(rowBases[0]).isEqualTo(first.rowBase());
                assertThat(rows[1]).isSameAs(second.rowStore());
                assertThat(rowBases[1]).isEqualTo(second.rowBase());
                assertThat(positionIndexes[0]).isEqualTo(first.positionIndex(market));
                assertThat(positionIndexes[1]).isEqualTo(second.positionIndex(market));
            }
        }
        final Subaccount any = created.get(0);
        accounts.findParties(any.account().owner(), (any.number() + 1) % 256, address(-1, 99), 0, 0, found,
            rows, rowBases, positionIndexes);
        assertThat(accounts.findSubaccount(any.account().owner(), (any.number() + 1) % 256))
            .isSameAs(found[0]);
        assertThat(found[1]).isNull();
        assertThat(positionIndexes[1]).isEqualTo(-1);
    }

    @Test
    void shouldKeepThePositionHeaderInStepWithInsertionsRemovalsAndBalanceGrowth()
    {
        final Subaccount subaccount = new Accounts().findOrCreate(address(5, 0)).subaccountOrCreate(0);
        final int[] markets = {9, 2, 70_000, 5, 1, 8, 3};
        for (final int market : markets)
        {
            subaccount.setPosition(market, 10, 0, 0);
            assertHeaderAgrees(subaccount);
        }
        subaccount.addBalance(6, 1);
        assertHeaderAgrees(subaccount);
        assertThat(subaccount.balance(6)).isEqualTo(1);
        subaccount.setPosition(5, 0, 0, 0);
        subaccount.setPosition(1, 0, 0, 0);
        assertHeaderAgrees(subaccount);
        assertThat(subaccount.positionCount()).isEqualTo(markets.length - 2);
        assertThat(subaccount.positionSizeIn(70_000)).isEqualTo(10);
    }

    @Test
    void shouldWriteAPositionInPlaceAtAKnownIndexAndOtherwiseInsertOrRemoveIt()
    {
        final Subaccount subaccount = new Accounts().findOrCreate(address(6, 0)).subaccountOrCreate(0);
        subaccount.setPosition(2, 10, 100, 7);
        subaccount.setPosition(5, -4, -40, 8);

        subaccount.setPositionAt(subaccount.positionIndex(5), 5, -6, -60, 9);
        assertThat(subaccount.positionSizeIn(5)).isEqualTo(-6);
        assertThat(subaccount.positionCostBasis(subaccount.positionIndex(5))).isEqualTo(-60);
        assertThat(subaccount.positionFundingIndex(subaccount.positionIndex(5))).isEqualTo(9);

        // An index that does not hold the market, or none at all, inserts in market order.
        subaccount.setPositionAt(0, 3, 1, 10, 0);
        subaccount.setPositionAt(-1, 1, 2, 20, 0);
        assertThat(subaccount.positionCount()).isEqualTo(4);
        assertThat(new int[] {subaccount.positionMarket(0), subaccount.positionMarket(1),
            subaccount.positionMarket(2), subaccount.positionMarket(3)}).containsExactly(1, 2, 3, 5);
        assertThat(subaccount.positionSizeIn(2)).isEqualTo(10);

        // A zero size removes the position.
        subaccount.setPositionAt(subaccount.positionIndex(2), 2, 0, 0, 0);
        assertThat(subaccount.positionIndex(2)).isEqualTo(-1);
        assertThat(subaccount.positionCount()).isEqualTo(3);
        assertHeaderAgrees(subaccount);
    }

    private static void assertHeaderAgrees(final Subaccount subaccount)
    {
        for (int market = 0; market < 12; market++)
        {
            assertThat(Subaccount.positionIndex(subaccount.rowStore(), subaccount.rowBase(), market))
                .isEqualTo(subaccount.positionIndex(market));
        }
        assertThat(Subaccount.positionIndex(subaccount.rowStore(), subaccount.rowBase(), 70_000))
            .isEqualTo(subaccount.positionIndex(70_000));
    }

    @Test
    void shouldMirrorTheOwnersSessionKeysOnSubaccountsCreatedBeforeAndAfterTheFirstKey()
    {
        final Accounts accounts = new Accounts();
        final Account account = accounts.findOrCreate(address(1, 0));
        final Account other = accounts.findOrCreate(address(2, 0));
        final Subaccount before = account.subaccountOrCreate(0);
        final Subaccount neighbour = other.subaccountOrCreate(0);
        assertThat(before.usesSessionKeys()).isFalse();

        account.putSessionKey(new SessionKey(address(3, 0), SessionKey.TRADE, new int[0], 1_000L, false));
        final Subaccount after = account.subaccountOrCreate(5);

        assertThat(before.usesSessionKeys()).isTrue();
        assertThat(after.usesSessionKeys()).isTrue();
        assertThat(neighbour.usesSessionKeys()).isFalse();
        account.pruneSessionKeys(2_000L);
        assertThat(account.sessionKeyCount()).isZero();
        assertThat(before.usesSessionKeys()).as("an account that used keys stays keyed, as the account does")
            .isEqualTo(account.usesSessionKeys()).isTrue();
        other.useSessionKeys();
        assertThat(neighbour.usesSessionKeys()).as("restored from a snapshot without live keys").isTrue();
    }
}
