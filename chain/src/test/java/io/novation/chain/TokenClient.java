package io.novation.chain;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** A test ERC-20 (base units are the quantums of the engine asset it stands for): mint, approve and balances. */
final class TokenClient
{
    private final Web3j web3j;
    private final String token;

    TokenClient(final Web3j web3j, final String token)
    {
        this.web3j = web3j;
        this.token = token;
    }

    String address()
    {
        return token;
    }

    BridgeClient.Outcome send(final Credentials sender, final String name, final Type... args)
    {
        final String data = FunctionEncoder.encode(new Function(name, Arrays.asList(args), List.of()));
        final RawTransactionManager manager = new RawTransactionManager(web3j, sender, LocalChain.CHAIN_ID);
        return BridgeClient.Outcome.of(web3j, () -> manager.sendTransaction(BigInteger.valueOf(20_000_000_000L),
            BigInteger.valueOf(500_000), token, data, BigInteger.ZERO));
    }

    BigInteger balanceOf(final String account) throws IOException
    {
        final String data = FunctionEncoder.encode(new Function("balanceOf", List.of(new Address(account)),
            List.of()));
        return Numeric.toBigInt(web3j.ethCall(Transaction.createEthCallTransaction(account, token, data),
            DefaultBlockParameterName.LATEST).send().getValue());
    }
}
