package io.novation.core.governance;

import io.novation.core.codec.BinaryWriter;

/**
 * One kind of risk parameter change governance schedules with {@code setRiskParameters}: a record per kind that
 * validates itself against the current state, tells whether it loosens risk, names its minimum delay (ms) and applies
 * itself. Amounts are in quote quantums, fractions in ppm, times in ms. Adding a kind: a record here, its tag and
 * decoder in {@link RiskParameterChanges}, its JSON in the node (docs/protocol.md, section "Governance").
 */
public sealed interface RiskParameterChange
    permits LiquidityTierChange, MarketFeesChange,
    PositionCapsChange, LiquidationTermsChange, AssetWeightsChange, OracleParametersChange,
    PublisherAddition, PublisherRemoval, GovernanceKeyRotation, BridgeKeyRotation, MarginControllerBoundsChange,
    DepthPenaltyBoundsChange, FundingParametersChange, VolSurfaceParametersChange
{
    /**
     * The binary tag of the kind (unique, never reused).
     *
     * @return 1 to 255.
     */
    int tag();

    /**
     * The JSON name of the kind, e.g. {@code liquidityTier}.
     *
     * @return the name.
     */
    String kind();

    /**
     * Checks the change against the current state: its target exists and every value lies in its valid range.
     *
     * @param books the current state.
     * @return the verdict.
     */
    ChangeCheck check(GovernedBooks books);

    /**
     * Whether the change loosens risk compared to the current values (any loosened field counts), which makes it wait
     * the longer delay; called only on a valid change.
     *
     * @param books the current state.
     * @return true when it loosens.
     */
    boolean loosens(GovernedBooks books);

    /**
     * The minimum delay between the command that schedules the change and its effective time (docs/protocol.md,
     * section "Governance"); called only on a valid change.
     *
     * @param books the current state.
     * @return ms.
     */
    default long minimumDelayMs(final GovernedBooks books)
    {
        return loosens(books) ? GovernanceDelays.LOOSEN_MS : GovernanceDelays.TIGHTEN_MS;
    }

    /**
     * Applies the change; called only on a change checked valid against the same state.
     *
     * @param state the state to change.
     */
    void applyTo(GovernedState state);

    /**
     * Writes the kind's fields (not its tag) for the binary command codec, the snapshot and the state commitment.
     *
     * @param out the writer.
     */
    void encode(BinaryWriter out);
}
