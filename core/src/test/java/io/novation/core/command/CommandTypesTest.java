package io.novation.core.command;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry holds one descriptor per permitted command record, with unique binary ids and JSON names.
 */
class CommandTypesTest
{
    @Test
    void shouldDescribeEveryPermittedSubclassWithItsOwnType()
    {
        final Class<?>[] permitted = Command.class.getPermittedSubclasses();
        assertThat(CommandTypes.all()).hasSize(permitted.length);
        for (final Class<?> record : permitted)
        {
            final CommandType<?> type = CommandTypes.typeOf(record);
            assertThat(type.commandClass()).isEqualTo(record);
            assertThat(CommandTypes.byId(type.id())).isSameAs(type);
            assertThat(CommandTypes.byJsonName(type.jsonName())).isSameAs(type);
            assertThat(type.doc()).isNotBlank();
        }
    }

    @Test
    void shouldGiveEveryTypeAUniqueIdAndJsonName()
    {
        final Set<Integer> ids = new HashSet<>();
        final Set<String> names = new HashSet<>();
        for (final CommandType<?> type : CommandTypes.all())
        {
            assertThat(ids.add(type.id())).as("id of %s", type).isTrue();
            for (final int legacy : type.legacyIds())
            {
                assertThat(ids.add(legacy)).as("legacy id %d of %s", legacy, type).isTrue();
            }
            assertThat(names.add(type.jsonName())).as("JSON name of %s", type).isTrue();
        }
    }

    @Test
    void shouldListTypesInIdOrder()
    {
        final List<CommandType<?>> all = CommandTypes.all();
        for (int i = 1; i < all.size(); i++)
        {
            assertThat(all.get(i).id()).isGreaterThan(all.get(i - 1).id());
        }
    }

    @Test
    void shouldKeepTheBinaryIdsAndNamesOfTheJournal()
    {
        assertThat(CommandTypes.byId(10)).isSameAs(SettleTrade.TYPE);
        assertThat(CommandTypes.byId(16)).isSameAs(OracleVolSurface.TYPE);
        assertThat(CommandTypes.byId(21)).isSameAs(OracleVolSurface.TYPE);
        assertThat(CommandTypes.byId(20)).isSameAs(SealBatch.TYPE);
        assertThat(CommandTypes.byJsonName("createAsset")).isSameAs(CreateAsset.TYPE);
        assertThat(CommandTypes.byId(0)).isNull();
        assertThat(CommandTypes.byJsonName("noSuchCommand")).isNull();
    }

    @Test
    void shouldGiveEachRoleTheCommandsItSigns()
    {
        assertThat(Deposit.TYPE.role()).isEqualTo(CommandRole.BRIDGE);
        assertThat(ForcedWithdraw.TYPE.role()).isEqualTo(CommandRole.BRIDGE);
        assertThat(SealBatch.TYPE.role()).isEqualTo(CommandRole.SEQUENCER);
        assertThat(ReportMarketDepth.TYPE.role()).isEqualTo(CommandRole.GOVERNANCE);
        assertThat(SettleTrade.TYPE.role()).isEqualTo(CommandRole.OWNER);
        assertThat(FundingTick.TYPE.role()).isEqualTo(CommandRole.GOVERNANCE);
        assertThat(SettleExpiry.TYPE.role()).isEqualTo(CommandRole.GOVERNANCE);
    }
}
