package io.novation.cluster;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.command.CommandCodec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterProtocolTest
{
    @Test
    void shouldCarryVerifiedCommandsWithTheirNoncesAndTimeFlags()
    {
        final Participants participants = new Participants(2);
        final List<ClusterProtocol.Entry> entries = participants.genesis(1_700_000_000_000L);
        final BinaryWriter out = new BinaryWriter(64);
        ClusterProtocol.startSubmit(out, 42, 7);
        entries.forEach(entry -> ClusterProtocol.putEntry(out, entry));
        ClusterProtocol.finishSubmit(out, entries.size());

        final BinaryReader in = new BinaryReader(out.toBytes());
        assertThat(in.getUnsignedByte()).isEqualTo(ClusterProtocol.SUBMIT);
        assertThat(in.getLong()).isEqualTo(42);
        assertThat(in.getLong()).isEqualTo(7);
        final List<ClusterProtocol.Entry> read = ClusterProtocol.readEntries(in, in.getInt());
        assertThat(in.remaining()).isZero();
        assertThat(read).hasSameSizeAs(entries);
        for (int i = 0; i < entries.size(); i++)
        {
            assertThat(read.get(i).authorityNonce()).isEqualTo(entries.get(i).authorityNonce());
            assertThat(read.get(i).explicitTime()).isEqualTo(entries.get(i).explicitTime());
            assertThat(CommandCodec.encode(read.get(i).command()))
                .isEqualTo(CommandCodec.encode(entries.get(i).command()));
        }
    }

    @Test
    void shouldCarryOutcomes()
    {
        final List<ClusterProtocol.Outcome> outcomes = List.of(
            new ClusterProtocol.Outcome(ClusterProtocol.APPLIED, 0, 5, 1_700_000_000_001L, null, null),
            new ClusterProtocol.Outcome(ClusterProtocol.REJECTED, 0, 6, 1_700_000_000_002L, "INSUFFICIENT_MARGIN",
                "below initial margin"),
            new ClusterProtocol.Outcome(ClusterProtocol.REFUSED, 409, 0, 0, "TIME_NOT_MONOTONIC", "too early"));
        final BinaryWriter out = new BinaryWriter(16);
        ClusterProtocol.writeOutcomes(out, 99, outcomes);

        final BinaryReader in = new BinaryReader(out.toBytes());
        assertThat(in.getUnsignedByte()).isEqualTo(ClusterProtocol.OUTCOMES);
        assertThat(in.getLong()).isEqualTo(99);
        assertThat(ClusterProtocol.readOutcomes(in)).isEqualTo(outcomes);
    }

    @Test
    void shouldDeriveEveryMembersPortsFromItsFirstPort()
    {
        final ClusterMembers members = ClusterMembers.parse("127.0.0.1:20000, 127.0.0.1:20010,10.0.0.3:9000");

        assertThat(members.size()).isEqualTo(3);
        assertThat(members.ingressEndpoints()).isEqualTo("0=127.0.0.1:20000,1=127.0.0.1:20010,2=10.0.0.3:9000");
        assertThat(members.consensusMembers()).isEqualTo(
            "0,127.0.0.1:20000,127.0.0.1:20001,127.0.0.1:20002,127.0.0.1:20003,127.0.0.1:20004|" +
            "1,127.0.0.1:20010,127.0.0.1:20011,127.0.0.1:20012,127.0.0.1:20013,127.0.0.1:20014|" +
            "2,10.0.0.3:9000,10.0.0.3:9001,10.0.0.3:9002,10.0.0.3:9003,10.0.0.3:9004");
    }
}
