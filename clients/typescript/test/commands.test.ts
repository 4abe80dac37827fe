// The JSON of signed commands keeps every uint64 integer the signer signed: a nonce or floor beyond 2^53 must not be
// rounded by a JavaScript number, or the node verifies the signature over another value (expiries are epoch ms).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Hex } from "viem";
import { cancelOrders, orderJson, setNonceFloor, type Signed } from "../src/index.js";

const account = "0x00000000000000000000000000000000000000a1" as Hex;
const signed: Signed = { digest: `0x${"11".repeat(32)}`, signature: `0x${"22".repeat(65)}` };
const LARGE = 2n ** 60n + 1n;

function integer(value: unknown): bigint {
  assert.ok(typeof value === "number" || typeof value === "string", `an integer or its decimal string: ${value}`);
  if (typeof value === "number") assert.ok(Number.isSafeInteger(value), `a safe integer: ${value}`);
  return BigInt(value);
}

test("an order's nonce above 2^53 is written exactly", () => {
  const json = orderJson({ id: 0, ticker: "BTC-USD", sizeDecimals: 10, priceDecimals: 5 }, {
    account, subaccount: 0, market: 0, isBuy: true, size: 1n, limitPrice: 1n, nonce: LARGE, expiry: 1n,
    reduceOnly: false,
  }, signed);
  assert.equal(integer(json.nonce), LARGE);
});

test("a nonce floor and a cancel keep their nonces exactly", () => {
  const floor = setNonceFloor({ account, subaccount: 0, floor: LARGE, nonce: LARGE + 4n }, signed);
  assert.equal(integer(floor.floor), LARGE);
  assert.equal(integer(floor.nonce), LARGE + 4n);
  const cancel = cancelOrders({ account, subaccount: 0, orders: [{ digest: signed.digest, expiry: 1n }],
    nonce: LARGE + 6n }, signed);
  assert.equal(integer(cancel.nonce), LARGE + 6n);
});

test("small integers stay JSON numbers", () => {
  const floor = setNonceFloor({ account, subaccount: 0, floor: 8n, nonce: 6n }, signed);
  assert.equal(floor.floor, 8);
  assert.equal(floor.nonce, 6);
});
