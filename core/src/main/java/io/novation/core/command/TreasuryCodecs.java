package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the treasury commands: fee sweeps (fields in record order).
 */
final class TreasuryCodecs
{
    static final CommandType.BinaryCodec<SweepFees> SWEEP_FEES = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SweepFees c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putLong(c.amount());
        }

        @Override
        public SweepFees decode(final long time, final BinaryReader in)
        {
            return new SweepFees(time, in.getAddress(), in.getInt(), in.getLong());
        }
    };

    private TreasuryCodecs()
    {
    }
}
