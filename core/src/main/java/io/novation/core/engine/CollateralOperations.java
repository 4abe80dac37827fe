package io.novation.core.engine;

import io.novation.core.account.Account;
import io.novation.core.account.SessionKey;
import io.novation.core.account.Subaccount;
import io.novation.core.command.Deposit;
import io.novation.core.command.ForcedWithdraw;
import io.novation.core.command.Transfer;
import io.novation.core.command.Withdraw;
import io.novation.core.event.EventSink;
import io.novation.core.event.RejectReason;
import io.novation.core.margin.MarginCalculator;
import io.novation.core.margin.MarginFigures;
import io.novation.core.market.Asset;

/**
 * Deposits from the bridge, and owner-signed withdrawals and transfers between subaccounts. A withdrawal or the
 * source of a transfer must keep the subaccount at or above initial margin. A non-quote asset can leave only up to
 * its balance; the quote balance may go below zero only as the cash leg of open positions (a long bought with
 * quote), never to borrow against other collateral in a subaccount without positions.
 */
final class CollateralOperations
{
    private final ClearingState state;
    private final SignatureCheck signatures;
    private final MarginCalculator margin;
    private final MarginFigures after = new MarginFigures();
    private final FundingSettlement funding;

    CollateralOperations(final ClearingState state, final SignatureCheck signatures)
    {
        this.state = state;
        this.signatures = signatures;
        this.margin = new MarginCalculator(state.markets(), state.oracles(), state.volSurfaces());
        this.funding = new FundingSettlement(state);
    }

    boolean deposit(final Deposit command, final long sequence, final EventSink events, final Rejection rejection)
    {
        if (command.account() == null)
        {
            return rejection.reject(RejectReason.INVALID_COMMAND, "deposit needs an account");
        }
        if (!Subaccount.isValidNumber(command.subaccount()))
        {
            return rejection.reject(RejectReason.INVALID_SUBACCOUNT, "subaccount " + command.subaccount() +
                " is outside [0, 255]");
        }
        final Asset asset = state.markets.asset(command.assetId());
        if (asset == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_ASSET, "no asset " + command.assetId());
        }
        if (command.amount() <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "deposit amount must be positive");
        }
        if (command.depositId() <= state.lastDepositId)
        {
            return rejection.reject(RejectReason.DUPLICATE_DEPOSIT, "deposit " + command.depositId() +
                " is not after the last processed deposit " + state.lastDepositId);
        }
        if (command.subaccount() >= Subaccount.FIRST_ISOLATED && !asset.isQuote())
        {
            return rejection.reject(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION,
                "isolated subaccounts hold only the quote asset");
        }
        final Account existing = state.accounts.find(command.account());
        final Subaccount existingSub = existing == null ? null : existing.subaccount(command.subaccount());
        Math.addExact(existingSub == null ? 0 : existingSub.balance(asset.id()), command.amount());
        state.ensureAssetTotals(asset.id());
        final long deposited = Math.addExact(state.deposited[asset.id()], command.amount());

        final Subaccount subaccount = state.accounts.findOrCreate(command.account())
            .subaccountOrCreate(command.subaccount());
        subaccount.addBalance(asset.id(), command.amount());
        state.deposited[asset.id()] = deposited;
        state.lastDepositId = command.depositId();
        state.globalChanged = true;
        events.deposited(sequence, command.account(), command.subaccount(), asset.id(), command.amount(),
            command.depositId());
        return true;
    }

    boolean withdraw(final Withdraw command, final long sequence, final EventSink events, final Rejection rejection)
    {
        final Subaccount subaccount = findSource(
            command.account() == null ? null : state.accounts.find(command.account()), command.subaccount(),
            rejection);
        if (subaccount == null)
        {
            return false;
        }
        final Asset asset = state.markets.asset(command.assetId());
        if (asset == null)
        {
            return rejection.reject(RejectReason.ASSET_NOT_WITHDRAWABLE, "asset " + command.assetId() +
                " is not bridged: the bridge holds no token for it");
        }
        if (!checkAmountAndAuthority(asset, command.amount(), subaccount, command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), 0, command.subaccount(),
            command.time(), rejection))
        {
            return false;
        }
        if (!keepsInitialMargin(subaccount, asset.id(), command.amount(), rejection))
        {
            return false;
        }
        state.ensureAssetTotals(asset.id());
        final long withdrawn = Math.addExact(state.withdrawn[asset.id()], command.amount());
        Math.addExact(subaccount.balance(Asset.QUOTE_ASSET_ID), funding.accrued(subaccount));

        funding.settle(subaccount, sequence, events);
        subaccount.addBalance(asset.id(), -command.amount());
        subaccount.account().useNonce(command.nonce());
        state.withdrawn[asset.id()] = withdrawn;
        final long withdrawalId = state.withdrawalCount++;
        state.pendingWithdrawals.add(withdrawalId, command.account(), asset.id(), command.amount());
        state.globalChanged = true;
        events.withdrawalQueued(sequence, withdrawalId, command.account(), command.subaccount(), asset.id(),
            command.amount());
        return true;
    }

    boolean forcedWithdraw(final ForcedWithdraw command, final long sequence, final EventSink events,
        final Rejection rejection)
    {
        if (command.requestId() <= state.lastForcedRequestId)
        {
            return rejection.reject(RejectReason.DUPLICATE_REQUEST, "forced withdrawal request " +
                command.requestId() + " is not after the last answered " + state.lastForcedRequestId);
        }
        final String declined = forcedWithdrawalRefusal(command);
        state.lastForcedRequestId = command.requestId();
        state.globalChanged = true;
        if (declined != null)
        {
            events.forcedWithdrawalDeclined(sequence, command.requestId(), command.account(), command.subaccount(),
                command.assetId(), command.amount(), declined);
            return true;
        }
        final Subaccount subaccount = state.accounts.find(command.account()).subaccount(command.subaccount());
        state.ensureAssetTotals(command.assetId());
        funding.settle(subaccount, sequence, events);
        subaccount.addBalance(command.assetId(), -command.amount());
        state.withdrawn[command.assetId()] = Math.addExact(state.withdrawn[command.assetId()], command.amount());
        final long withdrawalId = state.withdrawalCount++;
        state.pendingWithdrawals.add(withdrawalId, command.account(), command.assetId(), command.amount());
        events.withdrawalQueued(sequence, withdrawalId, command.account(), command.subaccount(), command.assetId(),
            command.amount());
        return true;
    }

    private String forcedWithdrawalRefusal(final ForcedWithdraw command)
    {
        final Rejection check = new Rejection();
        final Account account = command.account() == null ? null : state.accounts.find(command.account());
        final Subaccount subaccount = findSource(account, command.subaccount(), check);
        if (subaccount == null)
        {
            return check.message();
        }
        final Asset asset = state.markets.asset(command.assetId());
        if (asset == null)
        {
            return RejectReason.ASSET_NOT_WITHDRAWABLE.code() + ": asset " + command.assetId() + " is not bridged";
        }
        if (command.amount() <= 0)
        {
            return "amount not positive";
        }
        final boolean cashLegOfPositions = asset.isQuote() && subaccount.positionCount() > 0;
        if (!cashLegOfPositions && subaccount.balance(asset.id()) < command.amount())
        {
            return "subaccount holds " + subaccount.balance(asset.id()) + ", asked " + command.amount();
        }
        if (!keepsInitialMargin(subaccount, asset.id(), command.amount(), check))
        {
            return check.message();
        }
        state.ensureAssetTotals(asset.id());
        Math.addExact(state.withdrawn[asset.id()], command.amount());
        Math.addExact(subaccount.balance(Asset.QUOTE_ASSET_ID), funding.accrued(subaccount));
        return null;
    }

    boolean transfer(final Transfer command, final long sequence, final EventSink events, final Rejection rejection)
    {
        final Account account = command.account() == null ? null : state.accounts.find(command.account());
        final Subaccount source = findSource(account, command.fromSubaccount(), rejection);
        if (source == null)
        {
            return false;
        }
        if (!Subaccount.isValidNumber(command.toSubaccount()) || command.toSubaccount() == command.fromSubaccount())
        {
            return rejection.reject(RejectReason.INVALID_SUBACCOUNT, "destination subaccount " +
                command.toSubaccount() + " must be in [0, 255] and differ from the source");
        }
        final Asset asset = state.markets.asset(command.assetId());
        if (!checkAmountAndAuthority(asset, command.amount(), source, command.nonce(),
            command.digest(signatures.domainSeparator()), command.signature(), SessionKey.TRANSFER,
            command.toSubaccount(), command.time(), rejection))
        {
            return false;
        }
        if (command.toSubaccount() >= Subaccount.FIRST_ISOLATED && !asset.isQuote())
        {
            return rejection.reject(RejectReason.ISOLATED_SUBACCOUNT_VIOLATION,
                "isolated subaccounts hold only the quote asset");
        }
        if (!keepsInitialMargin(source, asset.id(), command.amount(), rejection))
        {
            return false;
        }
        final Subaccount existingTarget = account.subaccount(command.toSubaccount());
        Math.addExact(existingTarget == null ? 0 : existingTarget.balance(asset.id()), command.amount());
        Math.addExact(source.balance(Asset.QUOTE_ASSET_ID), funding.accrued(source));

        funding.settle(source, sequence, events);
        source.addBalance(asset.id(), -command.amount());
        account.subaccountOrCreate(command.toSubaccount()).addBalance(asset.id(), command.amount());
        account.useNonce(command.nonce());
        events.transferred(sequence, command.account(), command.fromSubaccount(), command.toSubaccount(), asset.id(),
            command.amount());
        return true;
    }

    /**
     * Switches a cross subaccount's margin mode if its owner signed it and it meets initial margin in the new mode.
     */
    boolean setMarginMode(final io.novation.core.command.SetMarginMode command, final long sequence,
        final EventSink events, final Rejection rejection)
    {
        final Subaccount subaccount = findSource(
            command.account() == null ? null : state.accounts.find(command.account()), command.subaccount(),
            rejection);
        if (subaccount == null)
        {
            return false;
        }
        if (subaccount.isIsolated())
        {
            return rejection.reject(RejectReason.PORTFOLIO_MARGIN_NOT_ALLOWED, "subaccount " +
                subaccount.number() + " is isolated: portfolio margin is for cross subaccounts");
        }
        final Account account = subaccount.account();
        if (command.nonce() <= account.lastNonce())
        {
            return rejection.reject(RejectReason.NONCE_REUSED, "nonce " + command.nonce() +
                " is not above the last nonce " + account.lastNonce());
        }
        final RejectReason refused = signatures.authorize(command.digest(signatures.domainSeparator()),
            command.signature(), account.owner(), account, 0, subaccount.number(), subaccount.number(),
            command.time());
        if (refused != null)
        {
            return rejection.reject(refused, signedRefusal(refused, account, "a margin mode change"));
        }
        final boolean before = subaccount.isPortfolioMargin();
        if (before != command.portfolio() && subaccount.positionCount() > 0)
        {
            // Judge the subaccount in the new mode; restore the mode whatever happens.
            subaccount.portfolioMargin(command.portfolio());
            final boolean priced;
            try
            {
                priced = margin.compute(subaccount, after);
            }
            finally
            {
                subaccount.portfolioMargin(before);
            }
            if (!priced)
            {
                return rejection.reject(RejectReason.NO_ORACLE_PRICE, "a price needed for the margin check is missing");
            }
            if (!after.meetsInitialMargin())
            {
                return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, "in " + (command.portfolio() ?
                    "portfolio" : "standard") + " margin the subaccount would have net collateral " +
                    after.netCollateralInitial() + " below its initial requirement " +
                    after.initialMarginRequirement());
            }
        }
        account.useNonce(command.nonce());
        subaccount.portfolioMargin(command.portfolio());
        events.marginModeChanged(sequence, account.owner(), subaccount.number(), command.portfolio());
        return true;
    }

    private String signedRefusal(final RejectReason refused, final Account account, final String what)
    {
        return refused == RejectReason.BAD_SIGNATURE ? "not signed by " + account.owner() :
            "signed by session key " + signatures.lastSigner() + " of " + account.owner() + ", which " +
            (refused == RejectReason.OUT_OF_SCOPE ? "may not sign " + what : "no longer signs: " + refused.code());
    }

    private Subaccount findSource(final Account account, final int number, final Rejection rejection)
    {
        if (account == null)
        {
            rejection.reject(RejectReason.UNKNOWN_ACCOUNT, "no such account");
            return null;
        }
        final Subaccount subaccount = account.subaccount(number);
        if (subaccount == null)
        {
            rejection.reject(RejectReason.UNKNOWN_SUBACCOUNT, "account " + account.owner() + " has no subaccount " +
                number);
        }
        return subaccount;
    }

    private boolean checkAmountAndAuthority(final Asset asset, final long amount, final Subaccount subaccount,
        final long nonce, final byte[] digest, final io.novation.core.crypto.EcdsaSignature signature,
        final int scope, final int otherSubaccount, final long time, final Rejection rejection)
    {
        if (asset == null)
        {
            return rejection.reject(RejectReason.UNKNOWN_ASSET, "no such asset");
        }
        if (amount <= 0)
        {
            return rejection.reject(RejectReason.INVALID_AMOUNT, "amount must be positive");
        }
        final Account account = subaccount.account();
        if (nonce <= account.lastNonce())
        {
            return rejection.reject(RejectReason.NONCE_REUSED, "nonce " + nonce + " is not above the last nonce " +
                account.lastNonce());
        }
        final RejectReason refused = signatures.authorize(digest, signature, account.owner(), account, scope,
            subaccount.number(), otherSubaccount, time);
        if (refused != null)
        {
            return rejection.reject(refused, signedRefusal(refused, account, scope == 0 ? "a withdrawal" :
                "this transfer"));
        }
        if (signatures.keyRaisesNonceTooFar(account.owner(), account.lastNonce(), nonce))
        {
            return rejection.reject(RejectReason.OUT_OF_SCOPE, "session key " + signatures.lastSigner() +
                " may raise the account nonce by at most " + io.novation.core.account.SessionKey.MAX_NONCE_STEP);
        }
        final boolean cashLegOfPositions = asset.isQuote() && subaccount.positionCount() > 0;
        if (!cashLegOfPositions && subaccount.balance(asset.id()) < amount)
        {
            return rejection.reject(RejectReason.INSUFFICIENT_BALANCE, "subaccount " + subaccount.number() +
                " holds " + subaccount.balance(asset.id()) + " of " + asset.symbol() + ", asked " + amount);
        }
        return true;
    }

    private boolean keepsInitialMargin(final Subaccount subaccount, final int assetId, final long amount,
        final Rejection rejection)
    {
        final long quoteAfter = subaccount.balance(Asset.QUOTE_ASSET_ID) - (assetId == Asset.QUOTE_ASSET_ID ? amount : 0);
        if (subaccount.positionCount() == 0 && quoteAfter >= 0)
        {
            return true;
        }
        if (!margin.compute(subaccount, MarginCalculator.NO_MARKET, 0, 0, assetId, -amount, false, after))
        {
            return rejection.reject(RejectReason.NO_ORACLE_PRICE, "a price needed for the margin check is missing");
        }
        if (!after.meetsInitialMargin())
        {
            return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, "net collateral after the withdrawal " +
                after.netCollateralInitial() + " would be below the initial margin requirement " +
                after.initialMarginRequirement());
        }
        if (assetId == Asset.QUOTE_ASSET_ID && quoteAfter < 0)
        {
            // A negative quote balance may only be the cash leg of positions: it must be covered by the positions
            // and the quote balance alone, never borrowed against other collateral.
            margin.compute(subaccount, MarginCalculator.NO_MARKET, 0, 0, assetId, -amount, true, after);
            if (!after.meetsInitialMargin())
            {
                return rejection.reject(RejectReason.INSUFFICIENT_MARGIN, "the quote balance would go to " +
                    quoteAfter + ", which its positions alone do not cover: quote cannot be borrowed against " +
                    "other collateral");
            }
        }
        return true;
    }
}
