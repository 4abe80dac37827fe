package io.novation.node.sequencer;

import io.novation.core.command.Command;

import java.util.List;

/**
 * A command whose signatures and authority were verified, ready to be sequenced.
 *
 * @param command        the command; its time is replaced by the sequencer's unless {@code explicitTime}.
 * @param explicitTime   whether the client set the time (epoch ms), which is kept if not before the sequencer's clock.
 * @param authorityNonce the governance envelope's nonce, 0 for other commands.
 * @param droppedReports indices of oracle reports whose signatures failed and that were left out of the round.
 */
public record Submission(Command command, boolean explicitTime, long authorityNonce, List<Integer> droppedReports)
{
    /**
     * A plain submission.
     *
     * @param command      the command.
     * @param explicitTime whether the client set the time.
     * @return the submission.
     */
    public static Submission of(final Command command, final boolean explicitTime)
    {
        return new Submission(command, explicitTime, 0, List.of());
    }
}
