package io.novation.core.command;

/**
 * Who may send a command: the key whose signature (an envelope, or the command's own signatures) admits it to the
 * sequencer.
 */
public enum CommandRole
{
    /**
     * The governance key, with an envelope (configuration, the sequencer's funding and expiry commands, and the
     * matching engine's depth reports).
     */
    GOVERNANCE,
    /** The bridge key, with an envelope (deposits and forced withdrawals observed on the base chain). */
    BRIDGE,
    /**
     * The owners named inside the command (orders, withdrawals, transfers, liquidations, margin modes) or registered
     * publishers (price reports, volatility surfaces).
     */
    OWNER,
    /** The sequencer itself, never a client (batch seals). */
    SEQUENCER
}
