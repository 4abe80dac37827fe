package io.novation.sim.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.chain.BridgeClient;
import io.novation.node.json.Json;
import io.novation.node.report.StateReport;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The day's end with the operator gone: a trader's forced withdrawal request goes unanswered, after the grace period
 * the bridge is frozen, the sample of accounts escapes with the proofs of their leaves in the last committed batch and,
 * after the claim period, each is paid; every account's claim is also valued by the contract's {@code accountClaims}
 * view and compared with the escape valuation of the same leaf, and their sum with the bridge's holdings. Amounts in
 * USDC quantums, gas in units of gas.
 */
final class BridgeEscape
{
    private static final long REQUESTED_QUANTUMS = 1_000_000;
    private static final int USDC = 0;

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
        for (final ChainAudit.Leaf leaf : audit.leaves())
        {
            final BigInteger onChain = bridge.accountClaims(leaf.leaf(), table).get(USDC);
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
            failures.add("escape: claims of all accounts " + allClaims + " exceed the bridge's USDC " + holdings);
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
        json.put("accounts", audit.leaves().size());
        json.put("viewedByContract", audit.leaves().size());
        json.put("viewMismatches", viewMismatches);
        json.put("viewSeconds", Math.round(viewSeconds * 100) / 100.0);
        json.put("claimsOfAllAccounts", StateReport.quote(allClaims.longValueExact()));
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
