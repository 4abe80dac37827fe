package io.novation.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.novation.node.batch.AccountProof;
import io.novation.node.batch.WithdrawalProof;
import io.novation.node.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code novation verify-proof FILE}: checks offline a proof saved from {@code GET /v1/proofs/accounts/{owner}} (the
 * leaf against the batch's tree root, the state root, the price table and the escape value in quote quantums) or from
 * {@code GET /v1/proofs/withdrawals/{id}} (the withdrawal against the batch's withdrawals root). Exit code 0 when it
 * holds, 1 when it does not, 2 when the file cannot be read.
 */
@Command(name = "verify-proof", mixinStandardHelpOptions = true,
    description = "Check an account or withdrawal proof offline (exit 0 valid, 1 invalid).")
public final class VerifyProofCommand implements Callable<Integer>
{
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the proof as JSON")
    private Path file;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final JsonNode json;
        try
        {
            json = Json.MAPPER.readTree(Files.readString(file));
        }
        catch (final Exception ex)
        {
            err.println("cannot read " + file + ": " + ex.getMessage());
            return 2;
        }
        String problem;
        try
        {
            problem = json.has("withdrawalId") ? WithdrawalProof.check(json) : AccountProof.check(json);
        }
        catch (final RuntimeException ex)
        {
            problem = "malformed proof: " + ex.getMessage();
        }
        if (problem != null)
        {
            out.println("INVALID: " + problem);
            out.flush();
            return 1;
        }
        if (json.has("withdrawalId"))
        {
            out.println("VALID: withdrawal " + json.get("withdrawalId").asText() + " of " +
                json.get("amount").asText() + " quantums to " + json.get("owner").asText() + " is in batch " +
                json.get("batchNumber").asText() + " (withdrawals root " + json.get("withdrawalsRoot").asText() + ")");
        }
        else
        {
            out.println("VALID: account " + json.get("owner").asText() + " is in batch " +
                json.get("batchNumber").asText() + " (state root " + json.get("stateRoot").asText() + ")" +
                (json.has("escapeValue") ? "; escape value " + json.get("escapeValue").asText() +
                " quote quantums" : ""));
        }
        out.flush();
        return 0;
    }
}
