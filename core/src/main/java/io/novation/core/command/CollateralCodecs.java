package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;

/**
 * Binary codecs of the collateral commands: deposits, withdrawals (signed and forced), transfers and margin modes
 * (fields in record order).
 */
final class CollateralCodecs
{
    static final CommandType.BinaryCodec<Deposit> DEPOSIT = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final Deposit c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putInt(c.assetId()).putLong(c.amount())
                .putLong(c.depositId());
        }

        @Override
        public Deposit decode(final long time, final BinaryReader in)
        {
            return new Deposit(time, in.getAddress(), in.getInt(), in.getInt(), in.getLong(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<Withdraw> WITHDRAW = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final Withdraw c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putInt(c.assetId()).putLong(c.amount())
                .putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public Withdraw decode(final long time, final BinaryReader in)
        {
            return new Withdraw(time, in.getAddress(), in.getInt(), in.getInt(), in.getLong(), in.getLong(),
                in.getSignature());
        }
    };

    static final CommandType.BinaryCodec<Transfer> TRANSFER = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final Transfer c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.fromSubaccount()).putInt(c.toSubaccount()).putInt(c.assetId())
                .putLong(c.amount()).putLong(c.nonce()).putSignature(c.signature());
        }

        @Override
        public Transfer decode(final long time, final BinaryReader in)
        {
            return new Transfer(time, in.getAddress(), in.getInt(), in.getInt(), in.getInt(), in.getLong(),
                in.getLong(), in.getSignature());
        }
    };

    static final CommandType.BinaryCodec<ForcedWithdraw> FORCED_WITHDRAW = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final ForcedWithdraw c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putInt(c.assetId()).putLong(c.amount())
                .putLong(c.requestId());
        }

        @Override
        public ForcedWithdraw decode(final long time, final BinaryReader in)
        {
            return new ForcedWithdraw(time, in.getAddress(), in.getInt(), in.getInt(), in.getLong(), in.getLong());
        }
    };

    static final CommandType.BinaryCodec<SetMarginMode> SET_MARGIN_MODE = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetMarginMode c, final BinaryWriter out)
        {
            out.putAddress(c.account()).putInt(c.subaccount()).putBoolean(c.portfolio()).putLong(c.nonce())
                .putSignature(c.signature());
        }

        @Override
        public SetMarginMode decode(final long time, final BinaryReader in)
        {
            return new SetMarginMode(time, in.getAddress(), in.getInt(), in.getBoolean(), in.getLong(),
                in.getSignature());
        }
    };

    private CollateralCodecs()
    {
    }
}
