package io.novation.chain;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns the bridge's confirmed {@code Deposited} and {@code ForcedWithdrawalRequested} events into {@code deposit} and
 * {@code forcedWithdraw} commands of the asset each names, exactly once. It keeps no cursor of its own: it resumes from
 * the engine's last deposit id and last answered request id (the node's state, durable in its journal), submits in id
 * order the events above them that are at least {@code confirmations} blocks deep, and the engine refuses any id at or
 * below its last. A restart of the node or of the watcher therefore neither skips nor repeats a deposit.
 */
public final class ChainWatcher
{
    private final BridgeClient bridge;
    private final long confirmations;
    private final LongSupplier lastDepositId;
    private final LongSupplier lastForcedRequestId;
    private final Consumer<Command> sink;

    /**
     * A watcher.
     *
     * @param bridge              the bridge.
     * @param confirmations       blocks an event must be under the head (0: the head itself counts).
     * @param lastDepositId       the node's last credited deposit id.
     * @param lastForcedRequestId the node's last answered forced-withdrawal request id.
     * @param sink                submits a command to the node (and returns once it is sequenced).
     */
    public ChainWatcher(final BridgeClient bridge, final long confirmations, final LongSupplier lastDepositId,
        final LongSupplier lastForcedRequestId, final Consumer<Command> sink)
    {
        this.bridge = bridge;
        this.confirmations = confirmations;
        this.lastDepositId = lastDepositId;
        this.lastForcedRequestId = lastForcedRequestId;
        this.sink = sink;
    }

    /**
     * Reads the confirmed events and submits those the node has not processed.
     *
     * @param time the sequencer time to give the commands (epoch ms; the node's sequencer may restamp it).
     * @return number of commands submitted.
     */
    public int poll(final long time)
    {
        final BigInteger confirmed = bridge.head().subtract(BigInteger.valueOf(confirmations));
        if (confirmed.signum() < 0)
        {
            return 0;
        }
        int submitted = 0;
        final List<Log> deposits = bridge.logs(BridgeClient.DEPOSITED, confirmed);
        for (final Log log : deposits)
        {
            final long id = Numeric.toBigInt(log.getTopics().get(1)).longValueExact();
            if (id > lastDepositId.getAsLong())
            {
                final byte[] data = Numeric.hexStringToByteArray(log.getData());
                sink.accept(new Deposit(time, address(log.getTopics().get(2)), word(data, 0).intValueExact(),
                    word(data, 1).intValueExact(), word(data, 2).longValueExact(), id));
                submitted++;
            }
        }
        for (final Log log : bridge.logs(BridgeClient.FORCED_REQUESTED, confirmed))
        {
            final long id = Numeric.toBigInt(log.getTopics().get(1)).longValueExact();
            if (id > lastForcedRequestId.getAsLong())
            {
                final byte[] data = Numeric.hexStringToByteArray(log.getData());
                sink.accept(new ForcedWithdraw(time, address(log.getTopics().get(2)), word(data, 0).intValueExact(),
                    word(data, 1).intValueExact(), word(data, 2).longValueExact(), id));
                submitted++;
            }
        }
        return submitted;
    }

    private static Address address(final String topic)
    {
        final byte[] word = Numeric.hexStringToByteArray(topic);
        return Address.of(java.util.Arrays.copyOfRange(word, 12, 32));
    }

    private static BigInteger word(final byte[] data, final int index)
    {
        return new BigInteger(1, java.util.Arrays.copyOfRange(data, index * 32, index * 32 + 32));
    }
}
