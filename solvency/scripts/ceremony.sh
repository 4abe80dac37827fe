#!/usr/bin/env bash
# The project's TEST ceremony for the solvency chunk circuit (ceremony/README.md): deterministic, NOT secure.
# Regenerates, from nothing but the pinned npm tools, the powers of tau (2^14), the circuit (r1cs + wasm), the zkey,
# the verification key and the Solidity verifier. Run from the solvency directory after `npm ci`:
#   scripts/ceremony.sh            # everything (the powers of tau take a few minutes on two cores)
# Every step is deterministic (no random contribution, only public beacons), so running it again gives the same
# files; ceremony/SHA256SUMS lists them.
set -euo pipefail
cd "$(dirname "$0")/.."
SNARKJS="node node_modules/snarkjs/build/cli.cjs"
POWER=14
TAU_BEACON=6e6f766174696f6e2d736f6c76656e63792d746573742d636572656d6f6e792d31   # "novation-solvency-test-ceremony-1"
ZKEY_BEACON=6e6f766174696f6e2d736f6c76656e63792d6368756e6b2d7a6b65792d31  # "novation-solvency-chunk-zkey-1"
mkdir -p build ceremony
if [ ! -f build/pot${POWER}_final.ptau ]; then
  $SNARKJS powersoftau new bn128 $POWER build/pot${POWER}_0.ptau
  $SNARKJS powersoftau beacon build/pot${POWER}_0.ptau build/pot${POWER}_beacon.ptau $TAU_BEACON 10 \
    -n="Novation TEST beacon (not secure)"
  $SNARKJS powersoftau prepare phase2 build/pot${POWER}_beacon.ptau build/pot${POWER}_final.ptau
fi
node node_modules/circom2/cli.js circuits/solvency_chunk.circom --O2 --r1cs --wasm -o build
$SNARKJS groth16 setup build/solvency_chunk.r1cs build/pot${POWER}_final.ptau build/solvency_chunk_0.zkey
$SNARKJS zkey beacon build/solvency_chunk_0.zkey ceremony/solvency_chunk.zkey $ZKEY_BEACON 10 \
  -n="Novation TEST zkey beacon (not secure)"
$SNARKJS zkey export verificationkey ceremony/solvency_chunk.zkey ceremony/verification_key.json
cp build/solvency_chunk_js/solvency_chunk.wasm ceremony/solvency_chunk.wasm
$SNARKJS zkey export solidityverifier ceremony/solvency_chunk.zkey build/SolvencyVerifier.sol
sed -e 's/contract Groth16Verifier/contract SolvencyVerifier/' build/SolvencyVerifier.sol \
  > ../chain/src/main/solidity/SolvencyVerifier.sol
(cd build && sha256sum pot${POWER}_final.ptau solvency_chunk.r1cs) > ceremony/SHA256SUMS
(cd ceremony && sha256sum solvency_chunk.zkey solvency_chunk.wasm verification_key.json) >> ceremony/SHA256SUMS
cat ceremony/SHA256SUMS
