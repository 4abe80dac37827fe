// The TypeScript signer against the Java one: every typed message of the fixture written by the Java client's
// TypeScriptFixtureTest gives the same digest and the same signature (both sign with RFC 6979 and low s).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { hashDomain, type Hex } from "viem";
import { decimal, novationDomain, Signer } from "../src/index.js";

const fixture = JSON.parse(readFileSync(new URL("../../test/fixtures/java-signed.json", import.meta.url), "utf8"));
const domain = novationDomain(fixture.chainId, fixture.verifyingContract);
const alice = new Signer(fixture.keys.alice as Hex, domain);

function big(params: Record<string, unknown>, ...names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const name of names) out[name] = BigInt(params[name] as string);
  return out;
}

test("the domain separator is the Java engine's", () => {
  const separator = hashDomain({
    domain,
    types: {
      EIP712Domain: [
        { name: "name", type: "string" }, { name: "version", type: "string" },
        { name: "chainId", type: "uint256" }, { name: "verifyingContract", type: "address" },
      ],
    },
  });
  assert.equal(separator, fixture.domainSeparator);
});

const cases: [string, (p: Record<string, unknown>) => Promise<{ digest: Hex; signature: Hex }>][] = [
  ["order", (p) => alice.order(big(p, "size", "limitPrice", "nonce", "expiry") as never)],
  ["withdraw", (p) => alice.withdraw(big(p, "amount", "nonce") as never)],
  ["transfer", (p) => alice.transfer(big(p, "amount", "nonce") as never)],
  ["cancelOrders", (p) => alice.cancelOrders({
    ...big(p, "nonce"),
    orders: (p.orders as { digest: Hex; expiry: string }[]).map((o) => ({ digest: o.digest, expiry: BigInt(o.expiry) })),
  } as never)],
  ["setNonceFloor", (p) => alice.setNonceFloor(big(p, "floor", "nonce") as never)],
  ["registerSessionKey", (p) => alice.registerSessionKey(big(p, "expiry", "nonce") as never)],
  ["revokeSessionKey", (p) => alice.revokeSessionKey(big(p, "nonce") as never)],
];

for (const [name, sign] of cases) {
  test(`a ${name} signed in TypeScript has the Java digest and signature`, async () => {
    const expected = fixture.signed[name];
    const signed = await sign(expected.params);
    assert.equal(signed.digest, expected.digest);
    assert.equal(signed.signature, expected.signature);
  });
}

test("quantums are written as the node's decimals", () => {
  assert.equal(decimal(1_000_000_000n, 10), "0.1");
  assert.equal(decimal(6_000_000_000n, 5), "60000");
  assert.equal(decimal(-2_500_000n, 6), "-2.5");
  assert.equal(decimal(7n, 0), "7");
});

test("quantums larger than one unit (a positive exponent) are written as whole units, as the Java client does", () => {
  assert.equal(decimal(5n, -2), "500");
  assert.equal(decimal(-12n, -3), "-12000");
  assert.equal(decimal(0n, -1), "0");
});
