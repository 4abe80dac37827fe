// The TypeScript client against a real node (the novation launcher jar the reactor builds, or NOVATION_JAR): orders
// signed in TypeScript settle, a session key trades for its owner, a cancelled order is refused, history is paged
// through every fill, and an account stream resumed after dropped connections delivers every event once.
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
  cancelOrders, marketUnits, NovationClient, NovationError, novationDomain, registerSessionKey, setNonceFloor,
  settleTrade, Signer, stream, withdraw, type MarketUnits, type OrderFields, type StreamEvent,
} from "../src/index.js";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/java-signed.json", import.meta.url), "utf8"));
const jar = process.env.NOVATION_JAR ?? join(root, "sim", "target", "novation.jar");
const TENTH_BTC = 1_000_000_000n;
const PRICE = 6_000_000_000n;
const DAY = 86_400_000n;

let node: ChildProcess;
let dataDir: string;
let client: NovationClient;
let btc: MarketUnits;
let alice: Signer;
let bob: Signer;
let time: number = fixture.lastTime;
let aliceNonce = 0n;
let bobNonce = 0n;

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
  dataDir = mkdtempSync(join(tmpdir(), "novation-ts-"));
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
  assert.equal(state.domainSeparator, fixture.domainSeparator);
  const domain = novationDomain(Number(state.chainId), state.verifyingContract as Hex);
  alice = new Signer(fixture.keys.alice, domain);
  bob = new Signer(fixture.keys.bob, domain);
  btc = marketUnits((await client.markets()).find((m) => m.ticker === "BTC-USD")!);
});

after(() => {
  node?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function order(signer: Signer, owner: Hex, isBuy: boolean, nonce: bigint) {
  const fields: OrderFields = {
    account: owner, subaccount: 0, market: btc.id, isBuy, size: TENTH_BTC, limitPrice: PRICE, nonce,
    expiry: BigInt(fixture.lastTime) + DAY, reduceOnly: false,
  };
  return { order: fields, signed: await signer.order(fields) };
}

async function trade(aliceSigner: Signer = alice, aliceBuys = true) {
  const maker = await order(aliceSigner, alice.address, aliceBuys, ++aliceNonce);
  const taker = await order(bob, bob.address, !aliceBuys, ++bobNonce);
  return client.submit(settleTrade(btc, TENTH_BTC, PRICE, maker, taker, ++time));
}

test("orders signed in TypeScript settle", async () => {
  const reply = await trade();
  assert.equal(reply.status, "applied", JSON.stringify(reply));
  const account = await client.account(alice.address);
  assert.match(JSON.stringify(account), /BTC-USD/);
});

test("a session key signs orders for its owner", async () => {
  const session = new Signer(fixture.keys["alice-session"], alice.domain);
  const fields = {
    account: alice.address, key: session.address, scope: 1, subaccounts: [], expiry: BigInt(time) + DAY, nonce: 1n,
  };
  const registered = await client.submit(registerSessionKey(fields, await alice.registerSessionKey(fields)));
  assert.equal(registered.status, "applied", JSON.stringify(registered));
  const reply = await trade(session);
  assert.equal(reply.status, "applied", JSON.stringify(reply));
});

test("a cancelled order does not fill", async () => {
  const cancelled = await order(alice, alice.address, true, ++aliceNonce);
  const fields = {
    account: alice.address, subaccount: 0, orders: [{ digest: cancelled.signed.digest, expiry: cancelled.order.expiry }],
    nonce: 2n,
  };
  const cancel = await client.submit(cancelOrders(fields, await alice.cancelOrders(fields)));
  assert.equal(cancel.status, "applied", JSON.stringify(cancel));
  const taker = await order(bob, bob.address, false, ++bobNonce);
  const reply = await client.submit(settleTrade(btc, TENTH_BTC, PRICE, cancelled, taker, ++time));
  assert.equal(reply.status, "rejected");
  assert.equal(reply.code, "ORDER_CANCELLED");
});

test("an owner's withdrawal applies and a nonce floor makes older orders unfillable", async () => {
  const fields = { account: alice.address, subaccount: 0, asset: 0, amount: 1_000_000_000n, nonce: 3n };
  const withdrawn = await client.submit(withdraw(alice.address, 0, "USDC", 6, fields.amount, fields.nonce,
    await alice.withdraw(fields)));
  assert.equal(withdrawn.status, "applied", JSON.stringify(withdrawn));
  const old = await order(alice, alice.address, true, ++aliceNonce);
  const floor = { account: alice.address, subaccount: 0, floor: aliceNonce + 1n, nonce: 4n };
  const raised = await client.submit(setNonceFloor(floor, await alice.setNonceFloor(floor)));
  assert.equal(raised.status, "applied", JSON.stringify(raised));
  const taker = await order(bob, bob.address, false, ++bobNonce);
  // The node refuses an order below its nonce floor before sequencing it (docs/protocol.md §13.2): a 409, nothing
  // journaled.
  await assert.rejects(client.submit(settleTrade(btc, TENTH_BTC, PRICE, old, taker, ++time)),
    (e: unknown) => e instanceof NovationError && e.status === 409 && e.code === "ORDER_CANCELLED");
});

test("history is paged through every fill, and a refusal carries the node's code", async () => {
  for (let i = 0; i < 9; i++) assert.equal((await trade(alice, i % 2 === 0)).status, "applied");
  const durable = Number((await client.state()).durableSequence);
  const query = { account: alice.address, kind: "fills" as const, from: 0, to: 9_000_000_000_000, limit: 3 };
  await until(async () => (await client.historyPage(query)).appliedSequence >= durable, "history");
  const fills = [];
  for await (const fill of client.history(query)) fills.push(fill);
  assert.equal(fills.length, 11);
  assert.equal(new Set(fills.map((f) => f.sequence)).size, 11);
  await assert.rejects(client.historyPage({ ...query, from: 10, to: 5 }),
    (e: unknown) => e instanceof NovationError && e.status === 400 && e.code === "RANGE_REVERSED");
});

test("an account stream resumed after dropped connections delivers every event once", async () => {
  const received: StreamEvent[] = [];
  const subscription = stream(client.baseUrl, { account: alice.address, onEvent: (e) => received.push(e) });
  try {
    for (let i = 0; i < 8; i++) {
      assert.equal((await trade(alice, i % 2 === 0)).status, "applied");
      if (i % 3 === 1) {
        const before = subscription.connections;
        subscription.disconnect();
        await until(() => subscription.connections > before, "reconnect");
      }
    }
    const durable = Number((await client.state()).durableSequence);
    await until(() => subscription.confirmed >= durable, "stream caught up");
  } finally {
    subscription.close();
  }
  const complete: StreamEvent[] = [];
  const fresh = stream(client.baseUrl, { account: alice.address, onEvent: (e) => complete.push(e) });
  try {
    const durable = Number((await client.state()).durableSequence);
    await until(() => fresh.confirmed >= durable, "fresh stream caught up");
  } finally {
    fresh.close();
  }
  const places = (events: StreamEvent[]) => events.filter((e) => e.index !== undefined)
    .map((e) => `${e.sequence}:${e.index}`);
  assert.deepEqual(places(received), places(complete));
  assert.equal(new Set(places(received)).size, places(received).length);
  assert.equal(received.filter((e) => e.type === "TradeSettled").length, 19);
});

test("an order whose nonce is above 2^53 settles (the JSON keeps the signed nonce)", async () => {
  const maker = await order(alice, alice.address, true, 2n ** 60n + 1n);
  const taker = await order(bob, bob.address, false, 2n ** 60n + 3n);
  const reply = await client.submit(settleTrade(btc, TENTH_BTC, PRICE, maker, taker, ++time));
  assert.equal(reply.status, "applied", JSON.stringify(reply));
});
