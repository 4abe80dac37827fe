// Block trades from the TypeScript client against a real node (the novation launcher jar, or NOVATION_JAR): a
// package signed by the maker and accepted by the taker in TypeScript settles (so the EIP-712 types match the
// engine's), the same package again is refused with BLOCK_TRADE_FILLED, and an acceptance of another package is
// refused with BLOCK_TRADE_PACKAGE_MISMATCH.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Hex } from "viem";
import {
  marketUnits, NO_BROKER, NovationClient, novationDomain, settleBlockTrade, Signer, type BlockPackageFields,
  type MarketUnits,
} from "../src/index.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/java-signed.json", import.meta.url), "utf8"));
const jar = process.env.NOVATION_JAR ?? join(root, "sim", "target", "novation.jar");
const TENTH_BTC = 1_000_000_000n;
const PRICE = 6_000_000_000n;
const DAY = 86_400_000n;
const USDC = 1_000_000n;

let node: ChildProcess;
let dataDir: string;
let client: NovationClient;
let btc: MarketUnits;
let alice: Signer;
let bob: Signer;
let time: number = fixture.lastTime;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error())));
    });
  });
}

async function until(condition: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

before(async () => {
  assert.ok(existsSync(jar), `the novation jar is built first (${jar})`);
  dataDir = mkdtempSync(join(tmpdir(), "novation-ts-block-"));
  const port = await freePort();
  node = spawn("java", ["-jar", jar, "node", "--data-dir", dataDir, "--port", String(port), "--governance",
    fixture.governance, "--bridge", fixture.bridge, "--replay-clock"], { stdio: "ignore" });
  client = new NovationClient(`http://127.0.0.1:${port}`);
  await until(async () => { try { await client.read("/health"); return true; } catch { return false; } }, "start");
  for (const command of fixture.setup) {
    const reply = await client.submit(command);
    assert.equal(reply.status, "applied", JSON.stringify(reply));
  }
  const state = await client.state();
  const domain = novationDomain(Number(state.chainId), state.verifyingContract as Hex);
  alice = new Signer(fixture.keys.alice, domain);
  bob = new Signer(fixture.keys.bob, domain);
  btc = marketUnits((await client.markets()).find((m) => m.ticker === "BTC-USD")!);
});

after(() => {
  node?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function offer(nonce: bigint): BlockPackageFields {
  return {
    maker: alice.address, subaccount: 0, legs: [{ instrument: btc.id, makerBuys: true, size: TENTH_BTC, price: PRICE }],
    maxFee: USDC, nonce, expiry: BigInt(fixture.lastTime) + DAY,
  };
}

test("a package signed and accepted in TypeScript settles once", async () => {
  const fields = offer(1n);
  const signed = await alice.blockPackage(fields);
  const acceptance = {
    taker: bob.address, subaccount: 0, package: signed.digest, maxFee: 2n * USDC,
    broker: NO_BROKER, brokerSubaccount: 0, brokerFee: 0n, nonce: 1n,
    expiry: BigInt(fixture.lastTime) + DAY,
  };
  const command = settleBlockTrade([btc], { fields, signed },
    { fields: acceptance, signed: await bob.blockAcceptance(acceptance) }, { makerFee: USDC, takerFee: USDC }, ++time);
  const reply = await client.submit(command);
  assert.equal(reply.status, "applied", JSON.stringify(reply));
  assert.match(JSON.stringify(await client.account(alice.address)), /BTC-USD/);

  const replayed = await client.submit({ ...command, time: ++time });
  assert.equal(replayed.status, "rejected");
  assert.equal(replayed.code, "BLOCK_TRADE_FILLED");
});

test("an acceptance of another package is refused", async () => {
  const fields = offer(2n);
  const other = await alice.blockPackage(offer(3n));
  const acceptance = {
    taker: bob.address, subaccount: 0, package: other.digest, maxFee: 0n,
    broker: NO_BROKER, brokerSubaccount: 0, brokerFee: 0n, nonce: 2n,
    expiry: BigInt(fixture.lastTime) + DAY,
  };
  const reply = await client.submit(settleBlockTrade([btc], { fields, signed: await alice.blockPackage(fields) },
    { fields: acceptance, signed: await bob.blockAcceptance(acceptance) }, { makerFee: 0n, takerFee: 0n }, ++time));
  assert.equal(reply.status, "rejected");
  assert.equal(reply.code, "BLOCK_TRADE_PACKAGE_MISMATCH");
});
