package io.novation.solvency.prover;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed circuit source, test ceremony and Solidity verifier cannot drift apart: the source compiles (circom2,
 * as the ceremony script compiles it) to the r1cs whose hash the ceremony recorded when it made the zkey, and to the
 * committed witness generator; the verification key and the Solidity verifier exported from the committed zkey are
 * the committed ones.
 */
class SolvencyCeremonyTest
{
    @Test
    void shouldCompileTheCommittedCircuitToTheR1csTheZkeyWasMadeFor() throws Exception
    {
        final SolvencyTools tools = SolvencyTools.locate();
        final Path dir = tools.dir();
        final Map<String, String> recorded = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(dir.resolve("ceremony/SHA256SUMS")))
        {
            final String[] parts = line.trim().split("\\s+");
            recorded.put(parts[1], parts[0]);
        }
        final Path out = dir.resolve("build/ceremony-check");
        Files.createDirectories(out);
        final SolvencyTools.Result compiled = tools.run(line -> { }, "node", "node_modules/circom2/cli.js",
            "circuits/solvency_chunk.circom", "--O2", "--r1cs", "--wasm", "-o", "build/ceremony-check");
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();
        assertThat(sha256(out.resolve("solvency_chunk.r1cs"))).as("r1cs of the committed source")
            .isEqualTo(recorded.get("solvency_chunk.r1cs"));
        assertThat(sha256(out.resolve("solvency_chunk_js/solvency_chunk.wasm")))
            .isEqualTo(sha256(dir.resolve("ceremony/solvency_chunk.wasm")))
            .isEqualTo(recorded.get("solvency_chunk.wasm"));
        assertThat(sha256(dir.resolve("ceremony/solvency_chunk.zkey"))).isEqualTo(recorded.get("solvency_chunk.zkey"));

        final SolvencyTools.Result key = tools.run(line -> { }, "node", "node_modules/snarkjs/build/cli.cjs",
            "zkey", "export", "verificationkey", "ceremony/solvency_chunk.zkey", "build/ceremony-check/vkey.json");
        assertThat(key.exitCode()).as(key.output()).isZero();
        assertThat(Files.readString(out.resolve("vkey.json")))
            .isEqualTo(Files.readString(dir.resolve("ceremony/verification_key.json")));
        final SolvencyTools.Result verifier = tools.run(line -> { }, "node", "node_modules/snarkjs/build/cli.cjs",
            "zkey", "export", "solidityverifier", "ceremony/solvency_chunk.zkey", "build/ceremony-check/V.sol");
        assertThat(verifier.exitCode()).as(verifier.output()).isZero();
        assertThat(Files.readString(out.resolve("V.sol")).replace("contract Groth16Verifier",
            "contract SolvencyVerifier")).isEqualTo(Files.readString(
                dir.resolve("../chain/src/main/solidity/SolvencyVerifier.sol")));
    }

    private static String sha256(final Path file) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
