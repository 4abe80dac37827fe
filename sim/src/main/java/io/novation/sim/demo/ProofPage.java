package io.novation.sim.demo;

/**
 * The report page's section "Solvency proof" ({@code --prove}, {@link DemoSolvencyProof}): its markup and the script
 * that fills it from the embedded report (accounts, chunks, proving time, gas, proven totals against the bridge's
 * reserves) and adds its invariant to the page's invariant table; the section stays hidden without {@code --prove}.
 */
final class ProofPage
{
    /** The section's markup, placed after the base chain's. */
    static final String HTML = """
        <section id="solvency-proof" hidden>
        <h2>Solvency proof</h2>
        <p class="sub" id="proof-summary"></p>
        <table id="proof"></table>
        </section>
        """;

    /** The script that fills it; runs after the page's own (which defines {@code row} and {@code fmt}). */
    static final String SCRIPT = """
        (function () {
          const sp = DATA.solvencyProof;
          if (!sp) return;
          document.getElementById("solvency-proof").hidden = false;
          row(document.getElementById("invariants"), ["Solvency: the final batch's solvency proof is accepted on " +
            "chain", {html: sp.acceptedOnChain ? '<span class="ok">holds</span>' : '<span class="bad">FAILS</span>'}]);
          document.getElementById("proof-summary").textContent = "Batch " + sp.batch + " (state root " +
            (sp.stateRoot || "-") + "), solvency root " + (sp.solvencyRoot || "-") + ": proven with the project's " +
            "prover and the committed TEST ceremony, each chunk checked by the SolvencyVerifier contract on the " +
            "demo's chain with the signals the bridge's gate builds.";
          const t = document.getElementById("proof");
          if (sp.accounts !== undefined) {
            row(t, ["Accounts and chunks", sp.accounts.toLocaleString("en-US") + " accounts (" + sp.paddedLeaves +
              " leaves), " + sp.chunks + " chunks of " + sp.chunkSize + ", depth above a chunk " +
              sp.depthAboveChunk + "; tree built in " + sp.treeSeconds + " s"]);
          }
          const pr = sp.proving;
          if (pr) {
            row(t, ["Proving", pr.seconds + " s in all (" + pr.proverSeconds + " s in the prover, " +
              pr.proverCpuSeconds + " s of its CPU), " + fmt(pr.msPerChunkMean) + " ms a chunk (max " +
              fmt(pr.msPerChunkMax) + "), " + fmt(pr.msPerAccount) + " ms an account; CPU " + fmt(pr.cpuMsPerChunk) +
              " ms a chunk, " + fmt(pr.cpuMsPerAccount) + " ms an account; load average " + pr.load]);
          }
          const oc = sp.onChain;
          if (oc) {
            row(t, ["Checked on chain", oc.chunksAccepted + " of " + sp.chunks + " chunks accepted by the " +
              "SolvencyVerifier " + oc.verifier + ", " + fmt(oc.gasPerChunkMean) + " gas a chunk (max " +
              fmt(oc.gasPerChunkMax) + "), " + fmt(oc.gasTotal) + " gas in all; " + oc.seconds + " s (" +
              oc.chainCpuSeconds + " s of the chain's CPU) for a call and a transaction a chunk; a proof against " +
              "another root " +
              (oc.forgedChunkRefused ? "refused" : "ACCEPTED")]);
          }
          for (const a of (sp.assets || [])) {
            row(t, ["Asset " + a.asset + ": proven total against reserves", a.provenTotal + " owed to accounts + " +
              a.unpaidWithdrawals + " unpaid withdrawals against reserves " + a.reserves + " (holdings " +
              a.bridgeHoldings + " less " + a.uncreditedDeposits + " uncredited deposits): " +
              (a.covered ? "covered" : "NOT covered") + ", " + (a.provenShareOfReserves * 100).toFixed(2) + " %"]);
          }
          for (const f of sp.failures) row(t, ["Failure", f]);
        })();
        """;

    private ProofPage()
    {
    }
}
