package io.novation.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.core.crypto.Hex;
import io.novation.node.batch.AccountProof;
import io.novation.node.json.Json;
import io.novation.solvency.inclusion.InclusionProof;
import io.novation.solvency.inclusion.StateProofMatch;
import io.novation.solvency.tree.SolvencyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code novation verify-solvency-inclusion --proof FILE [--root R] [--state-proof FILE]}: checks offline an
 * account's inclusion proof in a batch's solvency tree (from {@code GET /v1/solvency/{batch}/inclusion/{address}}):
 * the leaf Poseidon([k, s, e_0..e_3]) and the siblings fold to the proof's root, which must be the published root R
 * when given; with {@code --state-proof}, the account's Keccak state proof of the same batch (from
 * {@code GET /v1/proofs/accounts/{address}}) is checked as {@code novation verify-proof} checks it and its escape
 * valuation must give the same equities (docs/solvency.md). Exit code 0 when it holds, 1 when it does not, 2 when a
 * file cannot be read.
 */
@Command(name = "verify-solvency-inclusion", mixinStandardHelpOptions = true,
    description = "Check a solvency inclusion proof offline, optionally against the published root and the "
        + "account's state proof (exit 0 valid, 1 invalid).")
public final class VerifySolvencyInclusionCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--proof", required = true, paramLabel = "FILE", description = "the inclusion proof as JSON")
    private Path proofFile;

    @Option(names = "--root", paramLabel = "R", description = "the batch's published solvency root (decimal or 0x hex)")
    private String root;

    @Option(names = "--state-proof", paramLabel = "FILE",
        description = "the account's state proof of the same batch, whose balances must match")
    private Path stateProofFile;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final JsonNode json;
        final JsonNode stateJson;
        try
        {
            json = Json.MAPPER.readTree(Files.readString(proofFile));
            stateJson = stateProofFile == null ? null : Json.MAPPER.readTree(Files.readString(stateProofFile));
        }
        catch (final Exception ex)
        {
            err.println("cannot read " + (stateProofFile == null ? proofFile : proofFile + " or " + stateProofFile) +
                ": " + ex.getMessage());
            err.flush();
            return 2;
        }
        String problem;
        InclusionProof proof = null;
        try
        {
            proof = InclusionProof.fromJson(json);
            problem = proof.check(root == null ? null : root.startsWith("0x") ?
                new BigInteger(root.substring(2), 16) : new BigInteger(root));
            if (problem == null && stateJson != null)
            {
                problem = AccountProof.check(stateJson);
                if (problem != null)
                {
                    problem = "the state proof does not hold: " + problem;
                }
                else if (!stateJson.has("priceTable"))
                {
                    problem = "the state proof carries no price table";
                }
                else
                {
                    problem = StateProofMatch.check(proof, stateJson.get("batchNumber").asLong(),
                        io.novation.core.account.Address.parse(stateJson.get("owner").asText()).toBytes(),
                        Hex.decode(stateJson.get("leaf").asText()), Hex.decode(stateJson.get("priceTable").asText()));
                }
            }
        }
        catch (final SolvencyException | IllegalArgumentException ex)
        {
            problem = "malformed proof: " + ex.getMessage();
        }
        if (problem != null)
        {
            out.println("INVALID: " + problem);
            out.flush();
            return 1;
        }
        final StringBuilder equities = new StringBuilder();
        for (int slot = 0; slot < 4; slot++)
        {
            equities.append(slot == 0 ? "" : ", ").append(proof.leaf().equity(slot));
        }
        out.println("VALID: account " + String.format("0x%040x", proof.leaf().accountKey()) + " is in batch " +
            proof.batchNumber() + "'s solvency tree (root " + proof.root() + ") with equities [" + equities +
            "] quantums of asset slots 0-3" + (root == null ? "; the root was not compared with a published one" :
            "") + (stateJson == null ? "" : "; the state proof shows the same balances"));
        out.flush();
        return 0;
    }
}
