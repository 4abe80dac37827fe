package io.novation.node.json;

import io.novation.core.command.Command;
import io.novation.core.command.SealBatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of per-type JSON codecs of the command vocabulary, by {@code type} name and by command record: one
 * entry per command type of the engine (the sequencer's batch seal is encoded for readers, never decoded).
 */
public final class JsonCodecs
{
    /** The sequencer's batch seal: its header, for readers of the journal; clients cannot send it. */
    static final JsonCommandCodec<SealBatch> SEAL_BATCH = new JsonCommandCodec<>("sealBatch", SealBatch.class,
        List.of(JsonField.required("header", JsonType.OBJECT, "the sealed batch's header", "")), null,
        (c, json, definitions) -> json.set("header", Json.MAPPER.valueToTree(c.header())));

    private static final List<JsonCommandCodec<?>> ALL = List.of(
        ListingCodecs.CREATE_ASSET, ListingCodecs.CREATE_PERPETUAL, ListingCodecs.CREATE_OPTION_SERIES,
        ListingCodecs.SET_MARKET_STATUS, OracleCodecs.REGISTER_ORACLE_PUBLISHER, OracleCodecs.SET_ORACLE_PARAMETERS,
        OracleCodecs.SET_VOL_SURFACE_PARAMETERS, FundingCodecs.SET_FUNDING_PARAMETERS, TradingCodecs.SET_MARGIN_MODE,
        OracleCodecs.ORACLE_PRICE, OracleCodecs.ORACLE_VOL_SURFACE, CollateralCodecs.DEPOSIT, CollateralCodecs.WITHDRAW,
        CollateralCodecs.FORCED_WITHDRAW, CollateralCodecs.TRANSFER, TradingCodecs.SETTLE_TRADE,
        TradingCodecs.LIQUIDATE, FundingCodecs.FUNDING_SAMPLE, FundingCodecs.FUNDING_TICK, ListingCodecs.SETTLE_EXPIRY,
        CollateralCodecs.SWEEP_FEES, SEAL_BATCH, GovernanceCodecs.SET_RISK_PARAMETERS,
        GovernanceCodecs.CANCEL_RISK_PARAMETERS, GovernanceCodecs.APPLY_RISK_PARAMETERS,
        DelistingCodecs.SETTLE_MARKET, DelistingCodecs.FUND_INSURANCE, DelistingCodecs.WITHDRAW_INSURANCE,
        SessionCodecs.REGISTER_SESSION_KEY, SessionCodecs.REVOKE_SESSION_KEY, SessionCodecs.CANCEL_ORDERS,
        SessionCodecs.SET_NONCE_FLOOR, RiskCodecs.REPORT_MARKET_DEPTH,
        BlockTradeCodecs.SETTLE_BLOCK_TRADE);
    private static final Map<String, JsonCommandCodec<?>> BY_NAME = index(true);
    private static final Map<Class<?>, JsonCommandCodec<?>> BY_CLASS = index(false);

    private JsonCodecs()
    {
    }

    @SuppressWarnings("unchecked")
    private static <K> Map<K, JsonCommandCodec<?>> index(final boolean byName)
    {
        final Map<K, JsonCommandCodec<?>> index = new LinkedHashMap<>();
        for (final JsonCommandCodec<?> codec : ALL)
        {
            final K key = (K)(byName ? codec.name() : codec.commandClass());
            if (index.put(key, codec) != null)
            {
                throw new IllegalStateException("two JSON codecs for " + key);
            }
        }
        return Collections.unmodifiableMap(index);
    }

    /**
     * Every codec, in documentation order.
     *
     * @return the codecs.
     */
    public static List<JsonCommandCodec<?>> all()
    {
        return ALL;
    }

    /**
     * The codec of a JSON {@code type} name, or null.
     *
     * @param name e.g. "deposit".
     * @return the codec or null.
     */
    public static JsonCommandCodec<?> byName(final String name)
    {
        return BY_NAME.get(name);
    }

    /**
     * The codec of a command record class, or null.
     *
     * @param commandClass e.g. {@code Deposit.class}.
     * @return the codec or null.
     */
    public static JsonCommandCodec<?> byClass(final Class<? extends Command> commandClass)
    {
        return BY_CLASS.get(commandClass);
    }
}
