package io.novation.node.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.command.FundInsurance;
import io.novation.core.command.SettleMarket;
import io.novation.core.command.WithdrawInsurance;
import io.novation.core.market.Asset;

import java.time.Instant;
import java.util.List;

import static io.novation.node.json.JsonField.required;
import static io.novation.node.json.JsonType.DECIMAL;
import static io.novation.node.json.JsonType.STRING;
import static io.novation.node.json.JsonType.TIME;
import static io.novation.node.json.JsonUnits.decimal;

/**
 * The JSON codecs of a perpetual's delisting ({@code settleMarket}) and of the insurance treasury
 * ({@code fundInsurance}, {@code withdrawInsurance}); amounts in USDC, a fund named {@code "cross"} or by its
 * perpetual market's ticker.
 */
final class DelistingCodecs
{
    /** The cross-margin insurance fund's name. */
    static final String CROSS_FUND = "cross";

    private static final JsonField FUND = required("fund", STRING,
        "\"cross\" for the cross-margin insurance fund, or the perpetual ticker of an isolated fund", "");

    static final JsonCommandCodec<SettleMarket> SETTLE_MARKET = new JsonCommandCodec<>("settleMarket",
        SettleMarket.class,
        List.of(required("market", STRING, "perpetual market ticker", ""),
            required("settlementTime", TIME, "time of the final settlement; the second call names it again",
                "epoch ms or ISO-8601")),
        (fields, time, context) -> new SettleMarket(time, context.perpetual(fields, "market").id(),
            fields.time("settlementTime")),
        (c, json, definitions) -> json.put("market", definitions.perpetual(c.marketId()).ticker())
            .put("settlementTime", Instant.ofEpochMilli(c.settlementTime()).toString()));

    static final JsonCommandCodec<FundInsurance> FUND_INSURANCE = new JsonCommandCodec<>("fundInsurance",
        FundInsurance.class,
        List.of(FUND, required("amount", DECIMAL, "amount moved from the fee pool", "USDC")),
        (fields, time, context) -> new FundInsurance(time, fund(fields, context),
            fields.decimal("amount", Asset.QUOTE_DECIMALS)),
        (c, json, definitions) -> encode(json, definitions, c.fundMarketId(), c.amount()));

    static final JsonCommandCodec<WithdrawInsurance> WITHDRAW_INSURANCE = new JsonCommandCodec<>(
        "withdrawInsurance", WithdrawInsurance.class,
        List.of(FUND, required("amount", DECIMAL, "amount moved back to the fee pool", "USDC")),
        (fields, time, context) -> new WithdrawInsurance(time, fund(fields, context),
            fields.decimal("amount", Asset.QUOTE_DECIMALS)),
        (c, json, definitions) -> encode(json, definitions, c.fundMarketId(), c.amount()));

    private DelistingCodecs()
    {
    }

    private static int fund(final JsonFields fields, final DecodingContext context) throws CommandFormatException
    {
        return CROSS_FUND.equals(fields.text("fund")) ? -1 : context.perpetual(fields, "fund").id();
    }

    private static void encode(final ObjectNode json, final Definitions definitions, final int fund,
        final long amount)
    {
        final Definitions.Market market = fund < 0 ? null : definitions.perpetual(fund);
        if (market == null && fund >= 0)
        {
            json.put("fund", fund);
        }
        else
        {
            json.put("fund", market == null ? CROSS_FUND : market.ticker());
        }
        json.put("amount", decimal(amount, Asset.QUOTE_DECIMALS));
    }
}
