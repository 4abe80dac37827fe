package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.SweepFees;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.market.Asset;

import java.util.List;

import static io.novation.node.json.JsonField.optional;
import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.ADDRESS;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.INTEGER;
import static io.novation.node.json.JsonType.SIGNATURE;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of collateral movements: bridge deposits and forced withdrawals, owners' withdrawals and transfers
 * between their subaccounts, governance's fee sweeps; amounts in the asset's units (USDC by default).
 */
final class CollateralCodecs
{
    private static final String AMOUNT = "asset units";
    private static final JsonField ACCOUNT = required("account", ADDRESS, "the owner", "");
    private static final JsonField SUBACCOUNT = optional("subaccount", INTEGER, "subaccount 0 to 255, default 0", "");
    private static final JsonField NONCE = required("nonce", INTEGER, "the owner's next nonce (above the last used)",
        "");
    private static final JsonField SIGNATURE_FIELD = optional("signature", SIGNATURE,
        "the owner's EIP-712 signature r||s||v; the sequencer refuses a command without it", "");
    private static final String WITHDRAWAL_ASSET = "asset symbol, default USDC, or an asset id as an integer";

    static final JsonCommandCodec<Deposit> DEPOSIT = new JsonCommandCodec<>("deposit", Deposit.class,
        List.of(ACCOUNT, SUBACCOUNT, optional("asset", STRING, "asset symbol, default USDC", ""),
            required("amount", DECIMAL, "amount deposited", AMOUNT),
            optional("depositId", INTEGER, "the bridge's deposit id, default the next one", "")),
        (fields, time, context) ->
        {
            final Asset asset = context.asset(fields, "asset");
            return new Deposit(time, context.account(fields, "account"), fields.smallInteger("subaccount", 0, 255, 0),
                asset.id(), fields.decimal("amount", asset.decimals()),
                fields.integer("depositId", context.definitions().lastDepositId() + 1));
        },
        (c, json, definitions) ->
        {
            final Asset asset = definitions.asset(c.assetId());
            json.put("account", c.account().toString()).put("subaccount", c.subaccount())
                .put("asset", asset.symbol()).put("amount", decimal(c.amount(), asset.decimals()))
                .put("depositId", c.depositId());
        });

    static final JsonCommandCodec<ForcedWithdraw> FORCED_WITHDRAW = new JsonCommandCodec<>("forcedWithdraw",
        ForcedWithdraw.class,
        List.of(ACCOUNT, SUBACCOUNT, optional("asset", STRING, WITHDRAWAL_ASSET, ""),
            required("amount", DECIMAL, "amount requested (whole quantums for an id with no asset)", AMOUNT),
            optional("requestId", INTEGER, "the base chain's request id, default the next one", "")),
        (fields, time, context) ->
        {
            final int assetId = context.withdrawalAsset(fields);
            return new ForcedWithdraw(time, context.account(fields, "account"),
                fields.smallInteger("subaccount", 0, 255, 0), assetId,
                fields.decimal("amount", context.decimals(assetId)),
                fields.integer("requestId", context.definitions().lastForcedRequestId() + 1));
        },
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("subaccount", c.subaccount());
            withdrawalAsset(json, definitions, c.assetId(), c.amount());
            json.put("requestId", c.requestId());
        });

    static final JsonCommandCodec<Withdraw> WITHDRAW = new JsonCommandCodec<>("withdraw", Withdraw.class,
        List.of(ACCOUNT, SUBACCOUNT, optional("asset", STRING, WITHDRAWAL_ASSET, ""),
            required("amount", DECIMAL, "amount withdrawn (whole quantums for an id with no asset)", AMOUNT),
            NONCE, SIGNATURE_FIELD),
        (fields, time, context) ->
        {
            final int assetId = context.withdrawalAsset(fields);
            return new Withdraw(time, context.account(fields, "account"), fields.smallInteger("subaccount", 0, 255, 0),
                assetId, fields.decimal("amount", context.decimals(assetId)), fields.integer("nonce"),
                DecodingContext.signature(fields));
        },
        (c, json, definitions) ->
        {
            json.put("account", c.account().toString()).put("subaccount", c.subaccount());
            withdrawalAsset(json, definitions, c.assetId(), c.amount());
            json.put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    static final JsonCommandCodec<Transfer> TRANSFER = new JsonCommandCodec<>("transfer", Transfer.class,
        List.of(ACCOUNT, required("from", INTEGER, "source subaccount 0 to 255", ""),
            required("to", INTEGER, "destination subaccount 0 to 255", ""),
            optional("asset", STRING, "asset symbol, default USDC", ""),
            required("amount", DECIMAL, "amount moved", AMOUNT), NONCE, SIGNATURE_FIELD),
        (fields, time, context) ->
        {
            final Asset asset = context.asset(fields, "asset");
            return new Transfer(time, context.account(fields, "account"), fields.smallInteger("from", 0, 255),
                fields.smallInteger("to", 0, 255), asset.id(), fields.decimal("amount", asset.decimals()),
                fields.integer("nonce"), DecodingContext.signature(fields));
        },
        (c, json, definitions) ->
        {
            final Asset asset = definitions.asset(c.assetId());
            json.put("account", c.account().toString()).put("from", c.fromSubaccount())
                .put("to", c.toSubaccount()).put("asset", asset.symbol())
                .put("amount", decimal(c.amount(), asset.decimals())).put("nonce", c.nonce());
            JsonUnits.signature(json, c.signature());
        });

    /** Governance: part of the fee pool to a treasury subaccount's quote collateral, in USDC. */
    static final JsonCommandCodec<SweepFees> SWEEP_FEES = new JsonCommandCodec<>("sweepFees", SweepFees.class,
        List.of(required("account", ADDRESS, "the treasury's owner", ""),
            optional("subaccount", INTEGER, "the treasury's subaccount 0 to 255, default 0; created when absent", ""),
            required("amount", DECIMAL, "amount swept from the fee pool", "USDC")),
        (fields, time, context) -> new SweepFees(time, context.account(fields, "account"),
            fields.smallInteger("subaccount", 0, 255, 0), fields.decimal("amount", Asset.QUOTE_DECIMALS)),
        (c, json, definitions) -> json.put("account", c.account().toString()).put("subaccount", c.subaccount())
            .put("amount", decimal(c.amount(), Asset.QUOTE_DECIMALS)));

    private CollateralCodecs()
    {
    }

    /** A withdrawal's asset and amount: by symbol, or by id in whole quantums when the id names no asset. */
    private static void withdrawalAsset(final ObjectNode json, final Definitions definitions, final int assetId,
        final long amount)
    {
        final Asset asset = definitions.asset(assetId);
        if (asset == null)
        {
            json.put("asset", assetId).put("amount", Long.toString(amount));
            return;
        }
        json.put("asset", asset.symbol()).put("amount", decimal(amount, asset.decimals()));
    }
}
