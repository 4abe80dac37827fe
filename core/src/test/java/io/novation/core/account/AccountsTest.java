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
}
