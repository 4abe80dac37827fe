package io.novation.sim.demo;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One key on the demo's base chain: sends contract calls (legacy transactions signed locally) and waits for their
 * receipts, and reads ERC-20 balances; gas in units of gas, token amounts in the asset's quantums.
 */
final class EvmAccount
{
    private static final BigInteger GAS_PRICE = BigInteger.valueOf(20_000_000_000L);

    private final Web3j web3j;
    private final Credentials key;
    private final RawTransactionManager transactions;

    EvmAccount(final Web3j web3j, final Credentials key)
    {
        this.web3j = web3j;
        this.key = key;
        this.transactions = new RawTransactionManager(web3j, key, LocalEvm.CHAIN_ID);
    }

    String address()
    {
        return key.getAddress();
    }

    Credentials key()
    {
        return key;
    }

    /**
     * Deploys a contract and returns its address.
     */
    String deploy(final String bytecode, final List<Type> constructorArgs) throws IOException
    {
        return receipt(transactions.sendTransaction(GAS_PRICE, BigInteger.valueOf(10_000_000), "",
            bytecode + FunctionEncoder.encodeConstructor(constructorArgs), BigInteger.ZERO)).getContractAddress();
    }

    /**
     * Calls a contract function in a transaction and returns its successful receipt.
     *
     * @throws IOException when it is refused or reverts.
     */
    TransactionReceipt call(final String contract, final long gasLimit, final String name, final Type... args)
        throws IOException
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        return receipt(transactions.sendTransaction(GAS_PRICE, BigInteger.valueOf(gasLimit), contract, data,
            BigInteger.ZERO));
    }

    /**
     * An ERC-20 balance.
     */
    BigInteger balanceOf(final String token, final String holder) throws IOException
    {
        final Function function = new Function("balanceOf", List.of(new Address(holder)),
            List.of(new TypeReference<Uint256>() { }));
        final String result = web3j.ethCall(Transaction.createEthCallTransaction(key.getAddress(), token,
            FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send().getValue();
        final List<Type> decoded = FunctionReturnDecoder.decode(result, function.getOutputParameters());
        return decoded.isEmpty() ? BigInteger.ZERO : ((Uint256)decoded.get(0)).getValue();
    }

    /**
     * Reads a public bytes32 variable of a contract as hex.
     */
    String bytes32(final String contract, final String name, final Type... args) throws IOException
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        final String result = web3j.ethCall(Transaction.createEthCallTransaction(key.getAddress(), contract, data),
            DefaultBlockParameterName.LATEST).send().getValue();
        return Numeric.cleanHexPrefix(result).substring(0, 64);
    }

    private TransactionReceipt receipt(final EthSendTransaction sent) throws IOException
    {
        return awaitReceipt(web3j, sent, "transaction");
    }

    /**
     * Waits (up to about 10 s) for a sent transaction's receipt on the local chain.
     *
     * @param web3j the chain's client.
     * @param sent  the node's answer to the send.
     * @param what  names the transaction in the error messages.
     * @return the receipt of a transaction that succeeded.
     * @throws IOException when the send was refused, the transaction reverted or no receipt came.
     */
    static TransactionReceipt awaitReceipt(final Web3j web3j, final EthSendTransaction sent, final String what)
        throws IOException
    {
        if (sent.hasError())
        {
            throw new IOException(what + " refused: " + sent.getError().getMessage());
        }
        for (int attempt = 0; attempt < 2_000; attempt++)
        {
            final Optional<TransactionReceipt> receipt =
                web3j.ethGetTransactionReceipt(sent.getTransactionHash()).send().getTransactionReceipt();
            if (receipt.isPresent())
            {
                if (!receipt.get().isStatusOK())
                {
                    throw new IOException(what + " reverted: " + receipt.get().getRevertReason() + " " +
                        sent.getTransactionHash());
                }
                return receipt.get();
            }
            try
            {
                Thread.sleep(5);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ex);
            }
        }
        throw new IOException("no receipt for " + sent.getTransactionHash());
    }
}
