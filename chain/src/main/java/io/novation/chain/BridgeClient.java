package io.novation.chain;

import io.novation.core.commitment.BatchHeader;
import io.novation.core.engine.PendingWithdrawals;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.StaticArray4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A web3j client of one deployed {@code NovationBridge} for one sender key: sends its transactions (legacy,
 * signed locally) and waits for their receipts, calls its views and reads its deposit and forced-withdrawal events.
 * Amounts are in quantums of the asset named with them (1e-6 USDC for asset 0).
 */
public final class BridgeClient
{
    /** Topic of {@code Deposited(uint64,address,uint32,uint32,uint64)}: id, account, subaccount, asset, amount. */
    public static final String DEPOSITED = Hash.sha3String("Deposited(uint64,address,uint32,uint32,uint64)");
    /** Topic of {@code ForcedWithdrawalRequested(uint64,address,uint32,uint32,uint64)}. */
    public static final String FORCED_REQUESTED = Hash.sha3String(
        "ForcedWithdrawalRequested(uint64,address,uint32,uint32,uint64)");

    private static final BigInteger GAS_PRICE = BigInteger.valueOf(20_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(8_000_000L);

    private final Web3j web3j;
    private final Credentials sender;
    private final RawTransactionManager transactions;
    private final String contract;

    /**
     * A client.
     *
     * @param web3j    the connection.
     * @param sender   the key that signs.
     * @param chainId  the chain id.
     * @param contract the bridge's address.
     */
    public BridgeClient(final Web3j web3j, final Credentials sender, final long chainId, final String contract)
    {
        this.web3j = web3j;
        this.sender = sender;
        this.transactions = new RawTransactionManager(web3j, sender, chainId);
        this.contract = contract;
    }

    /**
     * The same bridge, another sender.
     *
     * @param other   the key that signs.
     * @param chainId the chain id.
     * @return a client.
     */
    public BridgeClient as(final Credentials other, final long chainId)
    {
        return new BridgeClient(web3j, other, chainId, contract);
    }

    /**
     * Deploys a contract.
     *
     * @param web3j           the connection.
     * @param sender          the deployer.
     * @param chainId         the chain id.
     * @param bytecode        creation code, 0x hex.
     * @param constructorArgs ABI types of the constructor's arguments.
     * @return the address.
     */
    public static String deploy(final Web3j web3j, final Credentials sender, final long chainId, final String bytecode,
        final List<Type> constructorArgs)
    {
        final RawTransactionManager manager = new RawTransactionManager(web3j, sender, chainId);
        final TransactionReceipt receipt = Outcome.of(web3j, () -> manager.sendTransaction(GAS_PRICE, GAS_LIMIT, "",
            bytecode + FunctionEncoder.encodeConstructor(constructorArgs), BigInteger.ZERO)).require();
        return receipt.getContractAddress();
    }

    /**
     * The bridge's address.
     *
     * @return 0x hex.
     */
    public String address()
    {
        return contract;
    }

    /**
     * The sender's address.
     *
     * @return 0x hex.
     */
    public String senderAddress()
    {
        return sender.getAddress();
    }

    public Outcome deposit(final String account, final int subaccount, final int asset, final long amount)
    {
        return send("deposit", new Address(account), new Uint32(subaccount), new Uint32(asset), new Uint64(amount));
    }

    /**
     * Lists the token of an engine asset id (operator only, once per asset and per token).
     *
     * @param asset the engine's asset id.
     * @param token the ERC-20's address.
     * @return the outcome.
     */
    public Outcome listAsset(final int asset, final String token)
    {
        return send("listAsset", new Uint32(asset), new Address(token));
    }

    /** Asset slots of a batch's withdrawal totals (slot i = asset id i), as many as the solvency proof's totals. */
    public static final int WITHDRAWAL_ASSETS = 4;

    /**
     * Commits a sealed batch with its withdrawal totals, which bound what its withdrawals pay and, on a bridge with a
     * solvency verifier, count as owed in every later reserve check until paid (docs/solvency.md "The bridge gate").
     *
     * @param header           the header.
     * @param withdrawalTotals the sums of the batch's withdrawals per asset id, quantums, {@value #WITHDRAWAL_ASSETS}
     *                         slots (see {@link #withdrawalTotals}).
     * @return the outcome.
     */
    public Outcome commitBatch(final BatchHeader header, final long[] withdrawalTotals)
    {
        return send("commitBatch", commitArguments(header, withdrawalTotals));
    }

    /**
     * The arguments of {@code commitBatch}, for {@link #revertReason}.
     *
     * @param header           the header.
     * @param withdrawalTotals quantums per asset id, {@value #WITHDRAWAL_ASSETS} slots.
     * @return the ABI values.
     */
    public static Type[] commitArguments(final BatchHeader header, final long[] withdrawalTotals)
    {
        if (withdrawalTotals.length != WITHDRAWAL_ASSETS)
        {
            throw new IllegalArgumentException("withdrawal totals need " + WITHDRAWAL_ASSETS + " slots");
        }
        final List<Uint64> totals = new ArrayList<>();
        for (final long total : withdrawalTotals)
        {
            totals.add(new Uint64(BigInteger.valueOf(total)));
        }
        return new Type[] {new Uint64(header.batchNumber()), new Bytes32(header.previousRoot()),
            new Bytes32(header.treeRoot()), new Bytes32(header.globalHash()), new Bytes32(header.withdrawalsRoot()),
            new Bytes32(header.pricesHash()), new Bytes32(header.commandsHash()), new Uint64(header.lastDepositId()),
            new Uint64(header.lastForcedRequestId()), new StaticArray4<>(Uint64.class, totals)};
    }

    /**
     * The withdrawal totals of a batch: the sum of its withdrawals' amounts per asset id.
     *
     * @param withdrawals the batch's withdrawals (those of its withdrawals root).
     * @return quantums per asset id, {@value #WITHDRAWAL_ASSETS} slots.
     * @throws IllegalArgumentException for a withdrawal of an asset id the totals have no slot for.
     * @throws ArithmeticException when a sum leaves the range of a long.
     */
    public static long[] withdrawalTotals(final List<PendingWithdrawals.Entry> withdrawals)
    {
        final long[] totals = new long[WITHDRAWAL_ASSETS];
        for (final PendingWithdrawals.Entry withdrawal : withdrawals)
        {
            if (withdrawal.assetId() < 0 || withdrawal.assetId() >= WITHDRAWAL_ASSETS)
            {
                throw new IllegalArgumentException("no withdrawal total slot for asset " + withdrawal.assetId() +
                    ": a batch commits asset ids 0 to " + (WITHDRAWAL_ASSETS - 1) + " (the engine creates no other)");
            }
            totals[withdrawal.assetId()] = Math.addExact(totals[withdrawal.assetId()], withdrawal.amount());
        }
        return totals;
    }

    /**
     * Proves chunks of a committed batch solvent (operator only; docs/solvency.md section "The bridge gate").
     *
     * @param batchNumber the batch.
     * @param root        the batch's Poseidon solvency root R.
     * @param depth       levels of the solvency tree above a chunk.
     * @param chunkWords  14 words per chunk, in chunk order: a (2), b (4), c (2), chunk index, commitOut, totals (4).
     * @return the outcome.
     */
    public Outcome proveSolvency(final long batchNumber, final BigInteger root, final int depth,
        final List<BigInteger> chunkWords)
    {
        return send("proveSolvency", solvencyArguments(batchNumber, root, depth, chunkWords));
    }

    /**
     * The arguments of {@code proveSolvency}, for {@link #revertReason}.
     *
     * @param batchNumber the batch.
     * @param root        the batch's Poseidon solvency root R.
     * @param depth       levels of the solvency tree above a chunk.
     * @param chunkWords  14 words per chunk.
     * @return the ABI values.
     */
    public static Type[] solvencyArguments(final long batchNumber, final BigInteger root, final int depth,
        final List<BigInteger> chunkWords)
    {
        final List<Uint256> words = new ArrayList<>();
        for (final BigInteger word : chunkWords)
        {
            words.add(new Uint256(word));
        }
        return new Type[] {new Uint64(batchNumber), new Uint256(root), new Uint64(depth),
            new DynamicArray<>(Uint256.class, words)};
    }

    public Outcome withdraw(final long batchNumber, final long withdrawalId, final String owner, final int asset,
        final long amount, final long index, final List<byte[]> siblings)
    {
        return send("withdraw", new Uint64(batchNumber), new Uint64(withdrawalId), new Address(owner),
            new Uint32(asset), new Uint64(amount), new Uint256(index), bytes32Array(siblings));
    }

    public Outcome requestForcedWithdrawal(final int subaccount, final int asset, final long amount)
    {
        return send("requestForcedWithdrawal", new Uint32(subaccount), new Uint32(asset), new Uint64(amount));
    }

    public Outcome freeze()
    {
        return send("freeze");
    }

    /**
     * Registers an account's escape claims (claim period only) with the proof of its leaf.
     *
     * @param leaf       the leaf preimage.
     * @param depth      the path's depth.
     * @param bitmap     the 32-byte sibling bitmap.
     * @param siblings   the listed siblings.
     * @param priceTable the committed price table.
     * @return the outcome.
     */
    public Outcome escape(final byte[] leaf, final int depth, final byte[] bitmap, final List<byte[]> siblings,
        final byte[] priceTable)
    {
        return send("escape", new DynamicBytes(leaf), new Uint256(depth), new Uint256(new BigInteger(1, bitmap)),
            bytes32Array(siblings), new DynamicBytes(priceTable));
    }

    public Outcome reclaimDeposit(final long depositId)
    {
        return send("reclaimDeposit", new Uint64(depositId));
    }

    /**
     * Pays an account's claim of an asset after the claim period, pro rata when the bridge is short.
     *
     * @param account the claimant.
     * @param asset   the asset id.
     * @return the outcome.
     */
    public Outcome payout(final String account, final int asset)
    {
        return send("payout", new Address(account), new Uint32(asset));
    }

    /**
     * Pays a USDC claimant its share of the collateral of an asset seized to cover deficits, after the claim period.
     *
     * @param account the USDC claimant.
     * @param asset   the seized asset's id (not USDC).
     * @return the outcome.
     */
    public Outcome payoutSeized(final String account, final int asset)
    {
        return send("payoutSeized", new Address(account), new Uint32(asset));
    }

    /**
     * The contract's {@code accountClaims(leaf, priceTable)} view: what a leaf is owed per asset id.
     *
     * @param leaf       the leaf preimage.
     * @param priceTable a version-2 price table.
     * @return quantums per asset id.
     */
    public List<BigInteger> accountClaims(final byte[] leaf, final byte[] priceTable)
    {
        return valuation(leaf, priceTable, 0);
    }

    /**
     * The seized part of the contract's {@code accountClaims(leaf, priceTable)} view: the quantums per asset id a
     * leaf's subaccounts give up to cover their deficits.
     *
     * @param leaf       the leaf preimage.
     * @param priceTable a version-2 price table.
     * @return quantums per asset id.
     */
    public List<BigInteger> accountSeized(final byte[] leaf, final byte[] priceTable)
    {
        return valuation(leaf, priceTable, 1);
    }

    private List<BigInteger> valuation(final byte[] leaf, final byte[] priceTable, final int output)
    {
        final Function function = new Function("accountClaims", List.of(new DynamicBytes(leaf),
            new DynamicBytes(priceTable)), List.of(new TypeReference<DynamicArray<Uint256>>() { },
            new TypeReference<DynamicArray<Uint256>>() { }));
        try
        {
            final String result = web3j.ethCall(Transaction.createEthCallTransaction(sender.getAddress(), contract,
                FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send().getValue();
            final List<Type> decoded = FunctionReturnDecoder.decode(result, function.getOutputParameters());
            if (decoded.isEmpty())
            {
                throw new IllegalStateException("accountClaims reverted");
            }
            final List<BigInteger> quantums = new ArrayList<>();
            for (final Object value : ((DynamicArray<?>)decoded.get(output)).getValue())
            {
                quantums.add(((Uint256)value).getValue());
            }
            return quantums;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Calls a view that returns one unsigned integer (or a bool, or bytes32, read as a number).
     *
     * @param name the view.
     * @param args its arguments.
     * @return the value.
     */
    public BigInteger callUint(final String name, final Type... args)
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        try
        {
            final String result = web3j.ethCall(Transaction.createEthCallTransaction(sender.getAddress(), contract,
                data), DefaultBlockParameterName.LATEST).send().getValue();
            return Numeric.toBigInt(result.substring(0, Math.min(result.length(), 66)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Why a call of a function would revert, from an {@code eth_call} of it by the sender.
     *
     * @param name the function.
     * @param args its arguments.
     * @return the node's error message (with the revert reason), or null when it would not revert.
     */
    public String revertReason(final String name, final Type... args)
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        try
        {
            final org.web3j.protocol.core.methods.response.EthCall call = web3j.ethCall(
                Transaction.createEthCallTransaction(sender.getAddress(), contract, data),
                DefaultBlockParameterName.LATEST).send();
            if (call.hasError())
            {
                return call.getError().getMessage();
            }
            return call.isReverted() ? call.getRevertReason() : null;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Events of one type up to a block, in order.
     *
     * @param topic   the event's topic.
     * @param toBlock the last block read.
     * @return the logs.
     */
    public List<Log> logs(final String topic, final BigInteger toBlock)
    {
        final EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.ZERO),
            DefaultBlockParameter.valueOf(toBlock), contract);
        filter.addSingleTopic(topic);
        try
        {
            final EthLog response = web3j.ethGetLogs(filter).send();
            if (response.hasError())
            {
                throw new IllegalStateException("eth_getLogs: " + response.getError().getMessage());
            }
            final List<Log> logs = new ArrayList<>();
            for (final EthLog.LogResult<?> result : response.getLogs())
            {
                logs.add((Log)result.get());
            }
            return logs;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The current block number.
     *
     * @return the head.
     */
    public BigInteger head()
    {
        try
        {
            return web3j.ethBlockNumber().send().getBlockNumber();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private Outcome send(final String name, final Type... args)
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        return Outcome.of(web3j, () -> transactions.sendTransaction(GAS_PRICE, GAS_LIMIT, contract, data,
            BigInteger.ZERO));
    }

    private static DynamicArray<Bytes32> bytes32Array(final List<byte[]> values)
    {
        final List<Bytes32> list = new ArrayList<>();
        for (final byte[] value : values)
        {
            list.add(new Bytes32(value));
        }
        return new DynamicArray<>(Bytes32.class, list);
    }

    /**
     * What became of a transaction: its receipt when mined (successful or reverted), or the node's error when it
     * was refused before mining.
     *
     * @param receipt the receipt, or null.
     * @param error   the error, or null.
     */
    public record Outcome(TransactionReceipt receipt, String error)
    {
        interface Sender
        {
            EthSendTransaction send() throws IOException;
        }

        static Outcome of(final Web3j web3j, final Sender sender)
        {
            try
            {
                final EthSendTransaction sent = sender.send();
                if (sent.hasError())
                {
                    return new Outcome(null, sent.getError().getMessage());
                }
                for (int attempt = 0; attempt < 200; attempt++)
                {
                    final Optional<TransactionReceipt> receipt =
                        web3j.ethGetTransactionReceipt(sent.getTransactionHash()).send().getTransactionReceipt();
                    if (receipt.isPresent())
                    {
                        return new Outcome(receipt.get(), null);
                    }
                    Thread.sleep(25);
                }
                return new Outcome(null, "no receipt for " + sent.getTransactionHash());
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }

        /**
         * Whether it was mined and succeeded.
         *
         * @return true on success.
         */
        public boolean ok()
        {
            return receipt != null && receipt.isStatusOK();
        }

        /**
         * Gas used.
         *
         * @return gas, or -1 when not mined.
         */
        public long gasUsed()
        {
            return receipt == null ? -1 : receipt.getGasUsed().longValueExact();
        }

        /**
         * The receipt of a successful transaction.
         *
         * @return the receipt.
         * @throws IllegalStateException when it failed.
         */
        public TransactionReceipt require()
        {
            if (!ok())
            {
                throw new IllegalStateException("transaction failed: " + (error != null ? error : receipt));
            }
            return receipt;
        }
    }
}
