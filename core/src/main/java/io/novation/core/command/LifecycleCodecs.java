package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the sequencer's lifecycle commands: option expiry settlement and batch seals (fields in record
 * order).
 */
final class LifecycleCodecs
{
    static final CommandType.BinaryCodec<SettleExpiry> SETTLE_EXPIRY = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SettleExpiry c, final BinaryWriter out)
        {
            out.putInt(c.seriesId());
        }

        @Override
        public SettleExpiry decode(final long time, final BinaryReader in)
        {
            return new SettleExpiry(time, in.getInt());
        }
    };

    static final CommandType.BinaryCodec<SealBatch> SEAL_BATCH = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SealBatch c, final BinaryWriter out)
        {
            CommandFields.putHeader(out, c.header());
        }

        @Override
        public SealBatch decode(final long time, final BinaryReader in)
        {
            return new SealBatch(time, CommandFields.getHeader(in));
        }
    };

    private LifecycleCodecs()
    {
    }
}
