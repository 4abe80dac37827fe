package io.novation.core.command;

import io.novation.core.codec.BinaryReader;
import io.novation.core.codec.BinaryWriter;
import io.novation.core.governance.RiskParameterChanges;

/**
 * Binary codecs of the governance commands: scheduling (id, effective time, then the change's tag and fields),
 * cancelling and applying (the id).
 */
final class GovernanceCodecs
{
    static final CommandType.BinaryCodec<SetRiskParameters> SET_RISK_PARAMETERS = new CommandType.BinaryCodec<>()
    {
        @Override
        public void encode(final SetRiskParameters c, final BinaryWriter out)
        {
            out.putLong(c.changeId()).putLong(c.effectiveTime());
            RiskParameterChanges.write(c.change(), out);
        }

        @Override
        public SetRiskParameters decode(final long time, final BinaryReader in)
        {
            return new SetRiskParameters(time, in.getLong(), in.getLong(), RiskParameterChanges.read(in));
        }
    };

    static final CommandType.BinaryCodec<CancelRiskParameters> CANCEL_RISK_PARAMETERS =
        new CommandType.BinaryCodec<>()
        {
            @Override
            public void encode(final CancelRiskParameters c, final BinaryWriter out)
            {
                out.putLong(c.changeId());
            }

            @Override
            public CancelRiskParameters decode(final long time, final BinaryReader in)
            {
                return new CancelRiskParameters(time, in.getLong());
            }
        };

    static final CommandType.BinaryCodec<ApplyRiskParameters> APPLY_RISK_PARAMETERS =
        new CommandType.BinaryCodec<>()
        {
            @Override
            public void encode(final ApplyRiskParameters c, final BinaryWriter out)
            {
                out.putLong(c.changeId());
            }

            @Override
            public ApplyRiskParameters decode(final long time, final BinaryReader in)
            {
                return new ApplyRiskParameters(time, in.getLong());
            }
        };

    private GovernanceCodecs()
    {
    }
}
