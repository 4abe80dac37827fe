package io.novation.core.account;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

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
}
