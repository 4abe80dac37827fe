package io.novation.core.event;

/**
 * Why the engine refused a command. The code is stable and published in the protocol documentation; the state is
 * unchanged by any rejected command.
 */
public enum RejectReason
{
    /** The command is not well formed (a missing or out-of-range field). */
    INVALID_COMMAND,
    /** Sequencer time went backwards. */
    TIME_NOT_MONOTONIC,
    /** No asset with that id. */
    UNKNOWN_ASSET,
    /** No perpetual market with that id. */
    UNKNOWN_MARKET,
    /** No oracle with that id. */
    UNKNOWN_ORACLE,
    /** An asset or market with that id, symbol or ticker exists, or the id is not the next one. */
    DUPLICATE_DEFINITION,
    /** The oracle is already defined with another price exponent. */
    ORACLE_EXPONENT_MISMATCH,
    /** A price needed for margin is missing. */
    NO_ORACLE_PRICE,
    /** The amount is zero, negative, or not representable. */
    INVALID_AMOUNT,
    /** A computation would overflow 64 bits. */
    OVERFLOW,
    /** The deposit id was already processed. */
    DUPLICATE_DEPOSIT,
    /** No such account. */
    UNKNOWN_ACCOUNT,
    /** No such subaccount. */
    UNKNOWN_SUBACCOUNT,
    /** The subaccount number is outside [0, 255]. */
    INVALID_SUBACCOUNT,
    /** The signature does not recover to the account's owner. */
    BAD_SIGNATURE,
    /** The nonce is not above the account's last nonce. */
    NONCE_REUSED,
    /** The balance does not cover the amount. */
    INSUFFICIENT_BALANCE,
    /** After the change the subaccount would be below initial margin and the change does not reduce its risk. */
    INSUFFICIENT_MARGIN,
    /** An isolated subaccount may hold one market and only the quote asset. */
    ISOLATED_SUBACCOUNT_VIOLATION,
    /** The market is halted. */
    MARKET_HALTED,
    /** The market is reduce-only and the trade would increase a position. */
    MARKET_REDUCE_ONLY,
    /** The order is for another market or the two orders are on the same side. */
    ORDER_MISMATCH,
    /** Both orders belong to the same subaccount. */
    SELF_TRADE,
    /** The order expired before the command's time. */
    ORDER_EXPIRED,
    /** The fill price is worse than the order's limit price. */
    LIMIT_PRICE_VIOLATED,
    /** The fill exceeds the size left on the order (or the order is fully filled: a replay). */
    ORDER_OVERFILLED,
    /** A reduce-only order would increase or flip the position. */
    REDUCE_ONLY_VIOLATED,
    /** The price is not a multiple of the market's tick size. */
    OFF_TICK,
    /** The size is not a multiple of the market's step size. */
    OFF_STEP,
    /** The subaccount holds as many positions as allowed. */
    TOO_MANY_POSITIONS,
    /** Fewer valid reports from distinct registered publishers than the oracle's quorum. */
    NO_QUORUM,
    /** The market's oracle price is older than its heartbeat and the trade would grow a position. */
    STALE_ORACLE,
    /** A funding sample or tick came before its slot of sequencer time was due. */
    FUNDING_NOT_DUE,
    /** A funding command does not fit the market's funding mode (a rate to a sampling market, or none to an external one). */
    FUNDING_MODE_MISMATCH,
    /** The subaccount is not below its maintenance margin requirement. */
    NOT_LIQUIDATABLE,
    /** The liquidation asks for more than the position holds, or more of a large position than one part. */
    LIQUIDATION_TOO_LARGE,
    /** A large position was partly liquidated less than the cooldown ago. */
    LIQUIDATION_COOLDOWN,
    /** An option needs a volatility surface of its underlying to be marked, and none was published. */
    NO_VOL_SURFACE,
    /** A published volatility surface has calendar or butterfly arbitrage, or inadmissible SVI parameters. */
    VOL_SURFACE_ARBITRAGE,
    /** The option series has expired: it takes no more trades. */
    OPTION_EXPIRED,
    /** The option series has not expired yet: it cannot be settled. */
    OPTION_NOT_EXPIRED,
    /** The option series was already settled. */
    OPTION_SETTLED,
    /** The index has no 30-minute TWAP at the expiry (no price a whole minute before it). */
    NO_SETTLEMENT_PRICE,
    /** Portfolio margin is for cross-margin subaccounts (0 to 127) only. */
    PORTFOLIO_MARGIN_NOT_ALLOWED,
    /** The forced-withdrawal request id was already answered. */
    DUPLICATE_REQUEST,
    /** A sealed batch's header differs from what the engine computes from its state. */
    BATCH_MISMATCH,
    /** The signed volatility surface's publisher is not registered for the underlying's oracle. */
    UNKNOWN_PUBLISHER,
    /**
     * The volatility surface was published before the oracle's freshness window or further ahead than its allowed
     * clock skew, at the command's time; or an option trade would grow a position, or a liquidation target holds an
     * option, while its underlying's surface is older than the surface heartbeat.
     */
    STALE_VOL_SURFACE,
    /**
     * The volatility surface was not published after the surface in effect or held for its underlying, or after its
     * publisher's own pending submission (a replay).
     */
    VOL_SURFACE_NOT_NEWER,
    /** A withdrawal of an asset id the bridge holds no token for (every created asset is bridged, §15). */
    ASSET_NOT_WITHDRAWABLE,
    /** A fee sweep asks for more than the fee pool holds. */
    FEE_POOL_INSUFFICIENT,
    /** A scheduled risk parameter change sets a value outside its parameter's valid range. */
    RISK_PARAMETER_OUT_OF_RANGE,
    /** A risk parameter change's effective time is before the command's time plus its kind's minimum delay. */
    GOVERNANCE_DELAY_TOO_SHORT,
    /** A risk parameter change id was already scheduled, applied or cancelled (each id is used at most once). */
    CHANGE_ID_USED,
    /** No pending risk parameter change has the id (unknown, already applied or cancelled). */
    UNKNOWN_CHANGE,
    /** The sequencer applied a scheduled change before its effective time. */
    CHANGE_NOT_DUE,
    /** Removing the publisher would leave its oracle with fewer publishers than its quorum. */
    BELOW_PUBLISHER_QUORUM,
    /** The trade would take the market's open interest above its hard cap. */
    OPEN_INTEREST_CAP,
    /** The trade would grow a party's absolute position above the market's per-account position limit. */
    POSITION_LIMIT,
    /** The perpetual market was settled at its final price: it takes no trade, liquidation or new position. */
    MARKET_SETTLED,
    /** The market was announced for delisting: its status is fixed until it settles. */
    MARKET_DELISTING,
    /** The market's final settlement is scheduled later than the command's time. */
    SETTLEMENT_NOT_DUE,
    /** A delisting's settlement time is sooner than the minimum notice after its announcement. */
    NOTICE_TOO_SHORT,
    /** Option series on the market's oracle still hold open interest: the market cannot be delisted. */
    OPEN_OPTIONS,
    /** The insurance withdrawal would leave the fund below its floor while a subaccount is liquidatable. */
    INSURANCE_FLOOR,
    /** The insurance withdrawal exceeds the largest share of the fund one withdrawal may take. */
    INSURANCE_WITHDRAWAL_LIMIT,
    /** The signature is by a session key of the owner whose expiry has passed. */
    SESSION_KEY_EXPIRED,
    /** The signature is by a session key the owner revoked. */
    SESSION_KEY_REVOKED,
    /**
     * The command or its subaccount is outside the signing session key's scope (withdrawals and key management are
     * never delegated), or a registration asks for a scope no key may hold.
     */
    OUT_OF_SCOPE,
    /** The order was cancelled by its subaccount, or its nonce is below the subaccount's nonce floor. */
    ORDER_CANCELLED,
    /** The account already holds the most live session keys (16). */
    SESSION_KEY_LIMIT,
    /** A session key's expiry is not after the command's time or more than 30 days after it. */
    SESSION_KEY_EXPIRY_TOO_LONG,
    /** The account has no session key of that address to revoke. */
    UNKNOWN_SESSION_KEY,
    /** A nonce floor must rise: the new floor is not above the subaccount's current one. */
    NONCE_FLOOR_NOT_RAISED,
    /** A depth report not later than the market's last one. */
    DEPTH_REPORT_NOT_NEWER,
    /** An immediate governance command on a parameter already live: schedule it with setRiskParameters instead. */
    GOVERNANCE_TIMELOCKED,
    /** A liquidation of a long option that covers a short one in a strategy: its short must be liquidated first. */
    PAIRED_LONG_OPTION,
    /** A block trade package has no leg or more than 25, or names one instrument in two legs. */
    BLOCK_TRADE_LEGS,
    /** A block trade leg's price is outside its band around the instrument's mark; the message names the leg. */
    BLOCK_TRADE_OFF_BAND,
    /** The block trade package already executed: a package executes once, entirely. */
    BLOCK_TRADE_FILLED,
    /** A block trade fee charged is above the maximum its side signed. */
    BLOCK_TRADE_FEE_ABOVE_MAX,
    /** The taker's acceptance names another package digest than the maker's package. */
    BLOCK_TRADE_PACKAGE_MISMATCH,
    /** A createAsset beyond the four asset ids the base chain's withdrawal totals and solvency leaves carry. */
    ASSET_LIMIT;

    /**
     * The reason code as published: the constant's name.
     *
     * @return e.g. "INSUFFICIENT_MARGIN".
     */
    public String code()
    {
        return name();
    }
}
