package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.chain.BridgeClient;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The day's end with the operator gone: a trader's forced withdrawal request goes unanswered, after the grace period
 * the bridge is frozen, the sample of accounts escapes with the proofs of their leaves in the last committed batch and,
 * after the claim period, each is paid; every account's claim (at most 2,000 of them, evenly spread, and the sample
 * beyond that) is also valued by the contract's {@code accountClaims} view and compared with the escape valuation of
 * the same leaf, and the sum of the escape valuation of all accounts with the bridge's holdings. Amounts in USDC
 * quantums, gas in units of gas.
 */
final class BridgeEscape
{
    private static final long REQUESTED_QUANTUMS = 1_000_000;
    private static final int USDC = 0;
    private static final int VIEW_BATCH = 250;
    /**
     * Accounts valued by the contract's view at most (ganache runs the view in about 50 ms on a busy two-core
     * machine): beyond it, evenly spread accounts and the escape sample, and the escape valuation of all of them.
     */
    private static final int VIEW_LIMIT = 2_000;

    private final LocalEvm evm;
    private final BridgeClient bridge;
    private final EvmAccount operatorKey;
    private final List<String> tokens;
    private final DemoCast cast;
    private final List<BaseChain.Commit> commits;

    /**
     * What the escape did.
     *
     * @param json     its figures for the report.
     * @param failures what failed.
     */
    record Result(ObjectNode json, List<String> failures)
    {
    }

    /**
     * The contract's {@code accountClaims(leaf, priceTable)} of several leaves in one JSON-RPC batch of
     * {@code eth_call}s: the USDC claim of each.
     */
    private List<BigInteger> usdcClaims(final List<ChainAudit.Leaf> leaves, final byte[] table) throws IOException
    {
        final BatchRequest batch = evm.web3j().newBatch();
        final List<TypeReference<?>> outputs = List.of(new TypeReference<DynamicArray<Uint256>>() { },
            new TypeReference<DynamicArray<Uint256>>() { });
        for (final ChainAudit.Leaf leaf : leaves)
        {
            final Function function = new Function("accountClaims", List.of(new DynamicBytes(leaf.leaf()),
                new DynamicBytes(table)), List.of());
            batch.add(evm.web3j().ethCall(Transaction.createEthCallTransaction(operatorKey.address(),
                bridge.address(), FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST));
        }
        final List<BigInteger> claims = new ArrayList<>();
        final Function decoder = new Function("accountClaims", List.of(), new ArrayList<>(outputs));
        for (final Response<?> response : batch.send().getResponses())
        {
            final EthCall call = (EthCall)response;
            final List<Type> decoded = call.hasError() ? List.of() :
                FunctionReturnDecoder.decode(call.getValue(), decoder.getOutputParameters());
            if (decoded.isEmpty())
            {
                throw new IOException("accountClaims reverted: " + (call.hasError() ? call.getError().getMessage() :
                    call.getRevertReason()));
            }
            claims.add(((Uint256)((DynamicArray<?>)decoded.get(0)).getValue().get(USDC)).getValue());
        }
        return claims;
    }

    BridgeEscape(final LocalEvm evm, final BridgeClient bridge, final EvmAccount operatorKey, final List<String> tokens,
        final DemoCast cast, final List<BaseChain.Commit> commits)
    {
        this.evm = evm;
        this.bridge = bridge;
        this.operatorKey = operatorKey;
        this.tokens = tokens;
        this.cast = cast;
        this.commits = commits;
    }

    Result run(final ChainAudit audit) throws IOException
    {
        final List<String> failures = new ArrayList<>();
        final ObjectNode json = Json.MAPPER.createObjectNode();
        final byte[] table = audit.priceTable();
        if (table == null || commits.isEmpty())
        {
            failures.add("escape: no committed batch to escape from");
            return new Result(json, failures);
        }
        json.put("batch", commits.get(commits.size() - 1).number());
        final Participant requester = cast.traders().get(0);
        final BridgeClient asRequester = bridge.as(Credentials.create(Numeric.toHexString(requester.privateKey())),
            LocalEvm.CHAIN_ID);
        final long requestGas = asRequester.requestForcedWithdrawal(0, USDC, REQUESTED_QUANTUMS).require().getGasUsed()
            .longValueExact();
        json.put("forcedRequestGas", requestGas);
        json.put("freezeBeforeGracePeriod", asRequester.freeze().ok());
        evm.advanceTime(BaseChain.GRACE_SECONDS + 1);
        final long freezeGas = asRequester.freeze().require().getGasUsed().longValueExact();
        json.put("freezeGas", freezeGas);
        final BigInteger holdings = operatorKey.balanceOf(tokens.get(USDC), bridge.address());

        // Every account: the contract's view equals the escape valuation, and their sum is within the holdings.
        final long viewStart = System.nanoTime();
        BigInteger allClaims = BigInteger.ZERO;
        int viewMismatches = 0;
        final List<ChainAudit.Leaf> all = audit.leaves();
        final List<ChainAudit.Leaf> leaves = new ArrayList<>();
        final int step = Math.max(1, (all.size() + VIEW_LIMIT - 1) / VIEW_LIMIT);
        BigInteger valuedClaims = BigInteger.ZERO;
        for (int i = 0; i < all.size(); i++)
        {
            valuedClaims = valuedClaims.add(all.get(i).claims()[USDC]);
            if (i % step == 0 || all.get(i).sampled())
            {
                leaves.add(all.get(i));
            }
        }
        if (valuedClaims.compareTo(holdings) > 0)
        {
            failures.add("escape: the escape valuation of all accounts " + valuedClaims + " exceeds the bridge's " +
                "USDC " + holdings);
        }
        final List<BigInteger> viewed = new ArrayList<>();
        for (int from = 0; from < leaves.size(); from += VIEW_BATCH)
        {
            viewed.addAll(usdcClaims(leaves.subList(from, Math.min(leaves.size(), from + VIEW_BATCH)), table));
        }
        for (int i = 0; i < leaves.size(); i++)
        {
            final ChainAudit.Leaf leaf = leaves.get(i);
            final BigInteger onChain = viewed.get(i);
            if (!onChain.equals(leaf.claims()[USDC]))
            {
                viewMismatches++;
                failures.add("escape: the contract values " + leaf.owner() + " at " + onChain + ", the escape " +
                    "valuation at " + leaf.claims()[USDC]);
            }
            allClaims = allClaims.add(onChain);
        }
        final double viewSeconds = (System.nanoTime() - viewStart) / 1e9;
        if (allClaims.compareTo(holdings) > 0)
        {
            failures.add("escape: claims of the viewed accounts " + allClaims + " exceed the bridge's USDC " +
                holdings);
        }

        // The sample escapes by transaction, then is paid after the claim period.
        final List<ChainAudit.Leaf> sample = new ArrayList<>();
        long escapeGas = 0;
        long maxEscapeGas = 0;
        for (final ChainAudit.Leaf leaf : audit.leaves())
        {
            if (!leaf.sampled())
            {
                continue;
            }
            final BridgeClient.Outcome escaped = bridge.escape(leaf.leaf(), leaf.depth(), leaf.bitmap(),
                leaf.siblings(), table);
            if (!escaped.ok())
            {
                failures.add("escape of " + leaf.owner() + " failed: " + (escaped.error() != null ? escaped.error() :
                    escaped.receipt().getRevertReason()));
                continue;
            }
            escapeGas += escaped.gasUsed();
            maxEscapeGas = Math.max(maxEscapeGas, escaped.gasUsed());
            sample.add(leaf);
        }
        final BigInteger totalClaimed = bridge.callUint("totalClaimed", new Uint32(USDC));
        if (totalClaimed.compareTo(holdings) > 0)
        {
            failures.add("escape: registered claims " + totalClaimed + " exceed the bridge's USDC " + holdings);
        }
        evm.advanceTime(BaseChain.CLAIM_SECONDS + 1);
        long payoutGas = 0;
        long paidCount = 0;
        BigInteger paid = BigInteger.ZERO;
        for (final ChainAudit.Leaf leaf : sample)
        {
            if (leaf.claims()[USDC].signum() == 0)
            {
                continue;
            }
            final String owner = leaf.owner().toString();
            final BigInteger before = operatorKey.balanceOf(tokens.get(USDC), owner);
            final BridgeClient.Outcome payout = bridge.payout(owner, USDC);
            final BigInteger received = operatorKey.balanceOf(tokens.get(USDC), owner).subtract(before);
            if (!payout.ok() || !received.equals(leaf.claims()[USDC]))
            {
                failures.add("escape: " + owner + " was paid " + received + " for a committed value of " +
                    leaf.claims()[USDC]);
                continue;
            }
            payoutGas += payout.gasUsed();
            paidCount++;
            paid = paid.add(received);
        }
        json.put("accounts", all.size());
        json.put("viewedByContract", leaves.size());
        json.put("viewMismatches", viewMismatches);
        json.put("viewSeconds", Math.round(viewSeconds * 100) / 100.0);
        json.put("claimsOfViewedAccounts", StateReport.quote(allClaims.longValueExact()));
        json.put("claimsOfAllAccounts", StateReport.quote(valuedClaims.longValueExact()));
        json.put("bridgeHoldings", StateReport.quote(holdings.longValueExact()));
        json.put("escaped", sample.size());
        json.put("escapeGasMean", sample.isEmpty() ? 0 : escapeGas / sample.size());
        json.put("escapeGasMax", maxEscapeGas);
        json.put("registeredClaims", StateReport.quote(totalClaimed.longValueExact()));
        json.put("paid", paidCount);
        json.put("paidAmount", StateReport.quote(paid.longValueExact()));
        json.put("payoutGasMean", paidCount == 0 ? 0 : payoutGas / paidCount);
        json.put("requester", requester.address().toString());
        return new Result(json, failures);
    }
}
