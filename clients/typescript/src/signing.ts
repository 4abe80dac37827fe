// EIP-712 typed data of what a Novation trader signs (docs/protocol.md §4 and "Session keys and cancels"), the same
// types the Java client signs through the core; signed with viem (RFC 6979, low s, v 27/28).
import { hashTypedData, type Hex, type TypedDataDomain } from "viem";
import { privateKeyToAccount } from "viem/accounts";

/** The EIP-712 domain of Novation: name "Novation", version "1", a chain id and a verifying contract. */
export interface NovationDomain { name: string; version: string; chainId: bigint; verifyingContract: Hex }

/** The signing domain of one node: chain id and verifying contract from `GET /v1/state`. */
export function novationDomain(chainId: number | bigint, verifyingContract: Hex): NovationDomain {
  return { name: "Novation", version: "1", chainId: BigInt(chainId), verifyingContract };
}

/** An order: sizes in base quantums, prices in price units, expiry in epoch ms. */
export interface OrderFields {
  account: Hex; subaccount: number; market: number; isBuy: boolean; size: bigint; limitPrice: bigint;
  nonce: bigint; expiry: bigint; reduceOnly: boolean;
}

/** A withdrawal of asset quantums. */
export interface WithdrawFields { account: Hex; subaccount: number; asset: number; amount: bigint; nonce: bigint }

/** A transfer of asset quantums between two of the owner's subaccounts. */
export interface TransferFields {
  account: Hex; fromSubaccount: number; toSubaccount: number; asset: number; amount: bigint; nonce: bigint;
}

/** A cancel of orders (by EIP-712 digest, each with its expiry). */
export interface CancelOrdersFields {
  account: Hex; subaccount: number; orders: { digest: Hex; expiry: bigint }[]; nonce: bigint;
}

/** A nonce floor: orders of the subaccount with a lower order nonce never fill. */
export interface SetNonceFloorFields { account: Hex; subaccount: number; floor: bigint; nonce: bigint }

/** A session key registration: scope bits 1 trade, 2 cancel, 4 transfer; no subaccounts means all. */
export interface RegisterSessionKeyFields {
  account: Hex; key: Hex; scope: number; subaccounts: number[]; expiry: bigint; nonce: bigint;
}

/** A session key revocation. */
export interface RevokeSessionKeyFields { account: Hex; key: Hex; nonce: bigint }

/** One leg of a block trade, from the maker's point of view: size in base quantums, price in price units. */
export interface BlockLegFields { instrument: number; makerBuys: boolean; size: bigint; price: bigint }

/** A maker's block trade package (docs/protocol.md "Block trades"): 1 to 25 legs, max fee in quote quantums. */
export interface BlockPackageFields {
  maker: Hex; subaccount: number; legs: BlockLegFields[]; maxFee: bigint; nonce: bigint; expiry: bigint;
}

/** The broker field of an acceptance that pays no broker (with brokerSubaccount 0 and brokerFee 0). */
export const NO_BROKER: Hex = "0x0000000000000000000000000000000000000000";

/**
 * A taker's acceptance of a package, by the package's EIP-712 digest; max fee and broker fee in quote quantums. The
 * taker signs the broker it pays (NO_BROKER, 0, 0n for none): the engine refuses a submission naming another.
 */
export interface BlockAcceptanceFields {
  taker: Hex; subaccount: number; package: Hex; maxFee: bigint; broker: Hex; brokerSubaccount: number;
  brokerFee: bigint; nonce: bigint; expiry: bigint;
}

const TYPES = {
  Order: [
    { name: "account", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "market", type: "uint32" },
    { name: "isBuy", type: "bool" }, { name: "size", type: "uint64" }, { name: "limitPrice", type: "uint64" },
    { name: "nonce", type: "uint64" }, { name: "expiry", type: "uint64" }, { name: "reduceOnly", type: "bool" },
  ],
  Withdraw: [
    { name: "account", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "asset", type: "uint32" },
    { name: "amount", type: "uint64" }, { name: "nonce", type: "uint64" },
  ],
  Transfer: [
    { name: "account", type: "address" }, { name: "fromSubaccount", type: "uint32" },
    { name: "toSubaccount", type: "uint32" }, { name: "asset", type: "uint32" }, { name: "amount", type: "uint64" },
    { name: "nonce", type: "uint64" },
  ],
  CancelOrders: [
    { name: "account", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "orders", type: "bytes32[]" },
    { name: "expiries", type: "uint64[]" }, { name: "nonce", type: "uint64" },
  ],
  SetNonceFloor: [
    { name: "account", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "floor", type: "uint64" },
    { name: "nonce", type: "uint64" },
  ],
  RegisterSessionKey: [
    { name: "account", type: "address" }, { name: "key", type: "address" }, { name: "scope", type: "uint32" },
    { name: "subaccounts", type: "uint32[]" }, { name: "expiry", type: "uint64" }, { name: "nonce", type: "uint64" },
  ],
  RevokeSessionKey: [
    { name: "account", type: "address" }, { name: "key", type: "address" }, { name: "nonce", type: "uint64" },
  ],
  BlockLeg: [
    { name: "instrument", type: "uint32" }, { name: "makerBuys", type: "bool" }, { name: "size", type: "uint64" },
    { name: "price", type: "uint64" },
  ],
  BlockPackage: [
    { name: "maker", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "legs", type: "BlockLeg[]" },
    { name: "maxFee", type: "uint64" }, { name: "nonce", type: "uint64" }, { name: "expiry", type: "uint64" },
  ],
  BlockAcceptance: [
    { name: "taker", type: "address" }, { name: "subaccount", type: "uint32" }, { name: "package", type: "bytes32" },
    { name: "maxFee", type: "uint64" }, { name: "broker", type: "address" },
    { name: "brokerSubaccount", type: "uint32" }, { name: "brokerFee", type: "uint64" },
    { name: "nonce", type: "uint64" }, { name: "expiry", type: "uint64" },
  ],
} as const;

type PrimaryType = keyof typeof TYPES;

/** A digest and the signature `r||s||v` over it. */
export interface Signed { digest: Hex; signature: Hex }

function message(primaryType: PrimaryType, fields: object): Record<string, unknown> {
  if (primaryType === "CancelOrders") {
    const cancel = fields as CancelOrdersFields;
    return {
      account: cancel.account, subaccount: cancel.subaccount, orders: cancel.orders.map((o) => o.digest),
      expiries: cancel.orders.map((o) => o.expiry), nonce: cancel.nonce,
    };
  }
  return fields as Record<string, unknown>;
}

/** The EIP-712 digest of a typed message under a domain. */
export function digest(domain: TypedDataDomain, primaryType: PrimaryType, fields: object): Hex {
  return hashTypedData({ domain, types: TYPES, primaryType, message: message(primaryType, fields) } as never);
}

/** Signs typed data with a private key; returns the digest and the 65-byte signature. */
export async function signTyped(privateKey: Hex, domain: TypedDataDomain, primaryType: PrimaryType,
  fields: object): Promise<Signed> {
  const account = privateKeyToAccount(privateKey);
  const signature = await account.signTypedData(
    { domain, types: TYPES, primaryType, message: message(primaryType, fields) } as never);
  return { digest: digest(domain, primaryType, fields), signature };
}

/** A signer of one key (the owner's or a session key's) under one node's domain. */
export class Signer {
  readonly address: Hex;

  constructor(private readonly privateKey: Hex, readonly domain: TypedDataDomain) {
    this.address = privateKeyToAccount(privateKey).address.toLowerCase() as Hex;
  }

  order(fields: OrderFields): Promise<Signed> { return signTyped(this.privateKey, this.domain, "Order", fields); }
  withdraw(fields: WithdrawFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "Withdraw", fields);
  }
  transfer(fields: TransferFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "Transfer", fields);
  }
  cancelOrders(fields: CancelOrdersFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "CancelOrders", fields);
  }
  setNonceFloor(fields: SetNonceFloorFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "SetNonceFloor", fields);
  }
  registerSessionKey(fields: RegisterSessionKeyFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "RegisterSessionKey", fields);
  }
  revokeSessionKey(fields: RevokeSessionKeyFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "RevokeSessionKey", fields);
  }
  /** A maker's package; its `digest` is what the taker accepts. */
  blockPackage(fields: BlockPackageFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "BlockPackage", fields);
  }
  blockAcceptance(fields: BlockAcceptanceFields): Promise<Signed> {
    return signTyped(this.privateKey, this.domain, "BlockAcceptance", fields);
  }
}
