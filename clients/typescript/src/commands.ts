// Signed commands as the node's JSON vocabulary (GET /v1/openapi.json): decimal strings in the market's or asset's
// units, signatures in hex; the same JSON the Java client's CommandJson writes.
import type { Hex } from "viem";
import type {
  BlockAcceptanceFields, BlockPackageFields, CancelOrdersFields, OrderFields, RegisterSessionKeyFields,
  RevokeSessionKeyFields, SetNonceFloorFields, Signed,
  TransferFields,
} from "./signing.js";

/** The units of a market: its id (signed), ticker (named in JSON), size and price decimals. */
export interface MarketUnits { id: number; ticker: string; sizeDecimals: number; priceDecimals: number }

/** The units of a market as `GET /v1/markets` describes it. */
export function marketUnits(market: Record<string, unknown>): MarketUnits {
  return {
    id: Number(market.id), ticker: String(market.ticker),
    sizeDecimals: -Number(market.atomicResolution), priceDecimals: -Number(market.priceExponent),
  };
}

/**
 * Quantums as a decimal string with `decimals` decimals (e.g. 1000000000n at 10 decimals is "0.1"); negative for
 * quantums larger than one unit (5n at -2 decimals is "500").
 */
export function decimal(quantums: bigint, decimals: number): string {
  if (decimals < 0) return (quantums * 10n ** BigInt(-decimals)).toString();
  const negative = quantums < 0n;
  const digits = (negative ? -quantums : quantums).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return (negative ? "-" : "") + whole + (fraction ? "." + fraction : "");
}

/**
 * A uint64 the signer signed (a nonce, a floor) as the node's JSON integer: a number while it is exact in JavaScript,
 * else its decimal string, which the node reads the same.
 */
export function integer(value: bigint): number | string {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(value)
    : value.toString();
}

/** One signed order as a trade's maker or taker. */
export function orderJson(market: MarketUnits, order: OrderFields, signed: Signed): Record<string, unknown> {
  return {
    account: order.account, subaccount: order.subaccount, side: order.isBuy ? "buy" : "sell",
    size: decimal(order.size, market.sizeDecimals), limitPrice: decimal(order.limitPrice, market.priceDecimals),
    nonce: integer(order.nonce), expiry: Number(order.expiry), reduceOnly: order.reduceOnly,
    signature: signed.signature,
  };
}

/** A matched trade of two signed orders (size in base quantums, price in price units). */
export function settleTrade(market: MarketUnits, size: bigint, price: bigint,
  maker: { order: OrderFields; signed: Signed }, taker: { order: OrderFields; signed: Signed },
  time?: number): Record<string, unknown> {
  return {
    type: "settleTrade", ...(time === undefined ? {} : { time }), market: market.ticker,
    size: decimal(size, market.sizeDecimals), price: decimal(price, market.priceDecimals),
    maker: orderJson(market, maker.order, maker.signed), taker: orderJson(market, taker.order, taker.signed),
  };
}

/** A signed cancel of orders by digest. */
export function cancelOrders(fields: CancelOrdersFields, signed: Signed): Record<string, unknown> {
  return {
    type: "cancelOrders", account: fields.account, subaccount: fields.subaccount,
    orders: fields.orders.map((o) => ({ digest: o.digest, expiry: Number(o.expiry) })),
    nonce: integer(fields.nonce), signature: signed.signature,
  };
}

/** A signed session key registration. */
export function registerSessionKey(fields: RegisterSessionKeyFields, signed: Signed): Record<string, unknown> {
  const scope = ["trade", "cancel", "transfer"].filter((_, bit) => (fields.scope & (1 << bit)) !== 0).join(",");
  return {
    type: "registerSessionKey", account: fields.account, key: fields.key, scope,
    subaccounts: fields.subaccounts.length === 0 ? "all" : fields.subaccounts.join(","),
    expiry: Number(fields.expiry), nonce: integer(fields.nonce), signature: signed.signature,
  };
}

/** A signed withdrawal of USDC (6 decimals) or another asset by symbol. */
export function withdraw(account: Hex, subaccount: number, symbol: string, decimals: number, amount: bigint,
  nonce: bigint, signed: Signed): Record<string, unknown> {
  return {
    type: "withdraw", account, subaccount, asset: symbol, amount: decimal(amount, decimals), nonce: integer(nonce),
    signature: signed.signature,
  };
}

/** A signed transfer between two of the owner's subaccounts (asset by symbol, amount in its quantums). */
export function transfer(fields: TransferFields, symbol: string, decimals: number, signed: Signed)
  : Record<string, unknown> {
  return {
    type: "transfer", account: fields.account, from: fields.fromSubaccount, to: fields.toSubaccount, asset: symbol,
    amount: decimal(fields.amount, decimals), nonce: integer(fields.nonce), signature: signed.signature,
  };
}

/** A signed nonce floor. */
export function setNonceFloor(fields: SetNonceFloorFields, signed: Signed): Record<string, unknown> {
  return {
    type: "setNonceFloor", account: fields.account, subaccount: fields.subaccount, floor: integer(fields.floor),
    nonce: integer(fields.nonce), signature: signed.signature,
  };
}

/** A signed session key revocation. */
export function revokeSessionKey(fields: RevokeSessionKeyFields, signed: Signed): Record<string, unknown> {
  return {
    type: "revokeSessionKey", account: fields.account, key: fields.key, nonce: integer(fields.nonce),
    signature: signed.signature,
  };
}

/**
 * A block trade (docs/protocol.md "Block trades"): the maker's signed package and the taker's signed acceptance,
 * with the executor's fees and an optional broker the taker pays (fees in quote quantums). `units` gives each leg's
 * market units, in leg order.
 */
export function settleBlockTrade(units: MarketUnits[], maker: { fields: BlockPackageFields; signed: Signed },
  taker: { fields: BlockAcceptanceFields; signed: Signed },
  fees: { makerFee: bigint; takerFee: bigint; broker?: Hex; brokerSubaccount?: number; brokerFee?: bigint },
  time?: number): Record<string, unknown> {
  const p = maker.fields;
  const a = taker.fields;
  return {
    type: "settleBlockTrade", ...(time === undefined ? {} : { time }),
    maker: {
      account: p.maker, subaccount: p.subaccount,
      legs: p.legs.map((leg, i) => ({
        market: units[i].ticker, side: leg.makerBuys ? "buy" : "sell",
        size: decimal(leg.size, units[i].sizeDecimals), price: decimal(leg.price, units[i].priceDecimals),
      })),
      maxFee: decimal(p.maxFee, 6), nonce: integer(p.nonce), expiry: Number(p.expiry),
      signature: maker.signed.signature,
    },
    taker: {
      account: a.taker, subaccount: a.subaccount, package: a.package, maxFee: decimal(a.maxFee, 6),
      ...(BigInt(a.broker) === 0n ? {} : {
        broker: a.broker, brokerSubaccount: a.brokerSubaccount, brokerFee: decimal(a.brokerFee, 6),
      }),
      nonce: integer(a.nonce), expiry: Number(a.expiry), signature: taker.signed.signature,
    },
    makerFee: decimal(fees.makerFee, 6), takerFee: decimal(fees.takerFee, 6),
    ...(fees.broker === undefined ? {} : {
      broker: fees.broker, brokerSubaccount: fees.brokerSubaccount ?? 0, brokerFee: decimal(fees.brokerFee ?? 0n, 6),
    }),
  };
}
