-- The bridge protocol (docs/protocol.md section 15, docs/verification.md "Bridge protocol") as an Alloy 6 temporal
-- model: the contract NovationBridge, its operator, its users and the sequencer (the clearing engine that credits
-- deposits, queues withdrawals and answers forced requests off chain). Each contract function is a transition of
-- the same name; the sequencer's and the clock's transitions are named for what they do. One asset; amounts are
-- small whole units. The variant flags (Honest, SolvencyGate, IgnoreUnpaid, ForgetPaid) are switched on by the tests
-- with a fact.
module bridge

open util/integer
open util/ordering[Deposit] as DepositOrder
open util/ordering[Request] as RequestOrder
open util/ordering[Withdrawal] as WithdrawalOrder
open util/ordering[Batch] as BatchOrder

abstract sig Flag {}
-- Honest: every batch is the sequencer's ledger. SolvencyGate: the bridge is deployed with a solvency verifier
-- (proveSolvency, whose reserve check counts the committed withdrawals not yet paid; withdraw and the next
-- commitBatch wait for the batch's proof). IgnoreUnpaid: a planted bug, the gate's reserve check without the unpaid
-- withdrawals (the contract before batches committed their withdrawal totals). ForgetPaid: a planted bug, a withdraw
-- that does not mark its withdrawal paid.
one sig Honest, SolvencyGate, IgnoreUnpaid, ForgetPaid extends Flag {}
sig On in Flag {}

abstract sig Actor {}
sig Account extends Actor {}
one sig Operator extends Actor {}

abstract sig Phase {}
-- Open: before the freeze. Claiming: frozen, within the claim period. Over: the claim period is over.
one sig Open, Claiming, Over extends Phase {}

-- A deposit, numbered by the ordering (the contract's deposit id).
sig Deposit { depositor: one Account, amount: one Int }
-- A forced-withdrawal request, numbered by the ordering (the contract's request id).
sig Request { requester: one Account, asked: one Int }
-- A withdrawal, numbered by the ordering (the engine's withdrawal id); answering: the forced request it serves.
sig Withdrawal { owner: one Account, quantity: one Int, answering: lone Request }
-- A batch, numbered by the ordering: its committed balances (the leaves of its state root), the withdrawals of its
-- withdrawals root, and the deposits and forced requests it accounts for (lastDepositId, lastForcedRequestId). Its
-- committed withdrawal totals are the sum of its withdrawals: the contract pays a batch's withdrawals only within its
-- totals, so a batch whose totals understate its root behaves as a batch whose root lists only what the totals let
-- through, and overstated totals only make its proof harder.
sig Batch { balance: Account -> lone Int, withdrawals: set Withdrawal, credits: set Deposit, answers: set Request }

fact smallAmounts {
  all d: Deposit | d.amount >= 1 and d.amount <= 2
  all r: Request | r.asked >= 1 and r.asked <= 2
  all w: Withdrawal | w.quantity >= 1 and w.quantity <= 2
  all b: Batch, v: Account.(b.balance) | v >= 0 and v <= 2
  -- lastDepositId and lastForcedRequestId: a batch accounts for a prefix of the deposits and of the requests
  all b: Batch, d: b.credits | DepositOrder/prevs[d] in b.credits
  all b: Batch, r: b.answers | RequestOrder/prevs[r] in b.answers
}

-- The contract's storage.
one sig Bridge {
  var phase: one Phase,
  var deposited: set Deposit,
  var requested: set Request,
  var overdue: set Request,
  var committed: set Batch,
  var proved: set Batch,
  var paid: set Withdrawal,
  var paidOut: one Int,
  var escaped: set Account,
  var reclaimed: set Deposit,
  var claims: Account -> one Int,
  var totalClaimed: one Int,
  var pool: lone Int
}

-- The sequencer's ledger (off chain).
one sig Sequencer {
  var ledger: Account -> lone Int,
  var credited: set Deposit,
  var answered: set Request,
  var queued: set Withdrawal
}

fun lastBatch: lone Batch { BatchOrder/max[Bridge.committed] }
fun received: Int { sum d: Bridge.deposited | d.amount }
fun held: Int { sub[received, Bridge.paidOut] }
fun committedWithdrawals: set Withdrawal { Bridge.committed.withdrawals }
fun creditedOnChain: set Deposit { lastBatch.credits }
fun answeredOnChain: set Request { lastBatch.answers }
-- What the bridge owes once frozen: registered claims, the last committed balances not yet escaped, committed
-- withdrawals not yet paid or claimed, and deposits no batch credited not yet reclaimed.
fun liabilities: Int {
  add[add[Bridge.totalClaimed, sum a: Account - Bridge.escaped | a.(lastBatch.balance)],
      add[sum w: committedWithdrawals - Bridge.paid | w.quantity,
          sum d: Bridge.deposited - creditedOnChain - Bridge.reclaimed | d.amount]]
}

fact init {
  Bridge.phase = Open
  no Bridge.deposited + Bridge.reclaimed
  no Bridge.requested + Bridge.overdue
  no Bridge.committed + Bridge.proved
  no Bridge.paid
  no Bridge.escaped
  no Bridge.pool
  Bridge.paidOut = 0
  Bridge.totalClaimed = 0
  Bridge.claims = Account -> 0
  no Sequencer.ledger
  no Sequencer.credited + Sequencer.queued
  no Sequencer.answered
}

pred keepPhase { Bridge.phase' = Bridge.phase }
pred keepDeposits { Bridge.deposited' = Bridge.deposited and Bridge.reclaimed' = Bridge.reclaimed }
pred keepRequests { Bridge.requested' = Bridge.requested and Bridge.overdue' = Bridge.overdue }
pred keepBatches { Bridge.committed' = Bridge.committed and Bridge.proved' = Bridge.proved }
pred keepPayments { Bridge.paid' = Bridge.paid and Bridge.paidOut' = Bridge.paidOut and Bridge.pool' = Bridge.pool }
pred keepClaims {
  Bridge.escaped' = Bridge.escaped and Bridge.claims' = Bridge.claims and Bridge.totalClaimed' = Bridge.totalClaimed
}
pred keepSequencer {
  Sequencer.ledger' = Sequencer.ledger and Sequencer.credited' = Sequencer.credited
  Sequencer.answered' = Sequencer.answered and Sequencer.queued' = Sequencer.queued
}
pred keepContract { keepPhase and keepDeposits and keepRequests and keepBatches and keepPayments and keepClaims }

pred addClaim[a: Account, v: Int] {
  Bridge.claims' = Bridge.claims ++ a -> add[a.(Bridge.claims), v]
  Bridge.totalClaimed' = add[Bridge.totalClaimed, v]
}

-- ---- contract functions ----

-- listAsset: operator only, before the freeze; the model has one asset, so listing another changes nothing here.
pred listAsset[s: Actor] {
  s = Operator and Bridge.phase = Open
  keepContract and keepSequencer
}

pred deposit[d: Deposit] {
  Bridge.phase = Open
  d = DepositOrder/min[Deposit - Bridge.deposited]
  Bridge.deposited' = Bridge.deposited + d
  Bridge.reclaimed' = Bridge.reclaimed
  keepPhase and keepRequests and keepBatches and keepPayments and keepClaims and keepSequencer
}

pred commitBatch[s: Actor, b: Batch] {
  s = Operator
  Bridge.phase = Open
  b = BatchOrder/min[Batch - Bridge.committed]
  b.credits in Bridge.deposited and creditedOnChain in b.credits
  b.answers in Bridge.requested and answeredOnChain in b.answers
  Honest in On implies {
    b.balance = Sequencer.ledger
    b.credits = Sequencer.credited
    b.answers = Sequencer.answered
    b.withdrawals = Sequencer.queued - committedWithdrawals
  }
  SolvencyGate in On implies (no lastBatch or lastBatch in Bridge.proved)
  Bridge.committed' = Bridge.committed + b and Bridge.proved' = Bridge.proved
  keepPhase and keepDeposits and keepRequests and keepPayments and keepClaims and keepSequencer
}

pred withdraw[w: Withdrawal] {
  w in committedWithdrawals - Bridge.paid
  Bridge.phase in Open + Claiming
  (SolvencyGate in On and Bridge.phase = Open) implies some b: Bridge.proved | w in b.withdrawals
  Bridge.paid' = (ForgetPaid in On implies Bridge.paid else Bridge.paid + w)
  Bridge.phase = Open implies {
    Bridge.paidOut' = add[Bridge.paidOut, w.quantity]
    keepClaims
  } else {
    Bridge.paidOut' = Bridge.paidOut
    addClaim[w.owner, w.quantity]
    Bridge.escaped' = Bridge.escaped
  }
  Bridge.pool' = Bridge.pool
  keepPhase and keepDeposits and keepRequests and keepBatches and keepSequencer
}

-- The reserve check of the last chunk, abstracted: a valid proof of the batch's committed balances whose totals, plus
-- the committed withdrawals not yet paid (the contract's unpaidWithdrawals; not with IgnoreUnpaid), the bridge's
-- holdings less the deposits no batch credited cover.
pred coveredByHoldings[b: Batch] {
  let owed = add[sum a: Account | a.(b.balance),
                 IgnoreUnpaid in On => 0 else (sum w: committedWithdrawals - Bridge.paid | w.quantity)] |
    owed <= sub[held, sum d: Bridge.deposited - b.credits | d.amount]
}

-- proveSolvency: operator only, with a verifier, before the freeze, once per batch. Only the last batch can be
-- unproven (commitBatch waits for the previous batch's proof), so the model proves the last one; the contract's
-- uncredited deposits are those after the last committed batch's lastDepositId.
pred proveSolvency[s: Actor, b: Batch] {
  s = Operator and SolvencyGate in On and Bridge.phase = Open
  b = lastBatch and b not in Bridge.proved
  coveredByHoldings[b]
  Bridge.proved' = Bridge.proved + b and Bridge.committed' = Bridge.committed
  keepPhase and keepDeposits and keepRequests and keepPayments and keepClaims and keepSequencer
}

pred requestForcedWithdrawal[r: Request] {
  Bridge.phase = Open
  r = RequestOrder/min[Request - Bridge.requested]
  Bridge.requested' = Bridge.requested + r
  Bridge.overdue' = Bridge.overdue
  keepPhase and keepDeposits and keepBatches and keepPayments and keepClaims and keepSequencer
}

pred freezeEnabled {
  Bridge.phase = Open
  some r: RequestOrder/min[Bridge.requested - answeredOnChain] | r in Bridge.overdue
}

pred freeze {
  freezeEnabled
  Bridge.phase' = Claiming
  keepDeposits and keepRequests and keepBatches and keepPayments and keepClaims and keepSequencer
}

pred escapeEnabled[a: Account] {
  Bridge.phase = Claiming
  a in (lastBatch.balance).Int - Bridge.escaped
}

pred escape[a: Account] {
  escapeEnabled[a]
  Bridge.escaped' = Bridge.escaped + a
  let v = a.(lastBatch.balance) | v > 0 implies addClaim[a, v] else {
    Bridge.claims' = Bridge.claims and Bridge.totalClaimed' = Bridge.totalClaimed
  }
  keepPhase and keepDeposits and keepRequests and keepBatches and keepPayments and keepSequencer
}

pred reclaimDeposit[d: Deposit] {
  Bridge.phase = Claiming
  d in Bridge.deposited - creditedOnChain - Bridge.reclaimed
  Bridge.reclaimed' = Bridge.reclaimed + d
  Bridge.deposited' = Bridge.deposited
  addClaim[d.depositor, d.amount]
  Bridge.escaped' = Bridge.escaped
  keepPhase and keepRequests and keepBatches and keepPayments and keepSequencer
}

-- payout: claim * min(1, pool / totalClaimed), rounded down, the pool fixed at the first payout.
fun payoutOf[a: Account]: Int {
  let p = Bridge.pool', c = a.(Bridge.claims) |
    Bridge.totalClaimed <= p implies c else div[mul[c, p], Bridge.totalClaimed]
}

pred payout[a: Account] {
  Bridge.phase = Over
  a.(Bridge.claims) > 0
  Bridge.pool' = (no Bridge.pool implies held else Bridge.pool)
  Bridge.paidOut' = add[Bridge.paidOut, payoutOf[a]]
  Bridge.claims' = Bridge.claims ++ a -> 0
  Bridge.paid' = Bridge.paid
  Bridge.totalClaimed' = Bridge.totalClaimed and Bridge.escaped' = Bridge.escaped
  keepPhase and keepDeposits and keepRequests and keepBatches and keepSequencer
}

-- payoutSeized: the model's one asset is never seized (seized collateral needs a second asset), so never enabled.
pred payoutSeized[a: Account] {
  Bridge.phase = Over
  let seized = 0 | seized > 0
  keepContract and keepSequencer
}

-- ---- the clock ----

-- Before the freeze, the grace period passes for every request made so far; after it, the claim period ends.
pred advanceTime {
  Bridge.phase in Open + Claiming
  Bridge.phase = Open implies {
    Bridge.overdue' = Bridge.requested and keepPhase
  } else {
    Bridge.phase' = Over and Bridge.overdue' = Bridge.overdue
  }
  Bridge.requested' = Bridge.requested
  keepDeposits and keepBatches and keepPayments and keepClaims and keepSequencer
}

-- ---- the sequencer (off chain) ----

pred creditDeposit[d: Deposit] {
  Bridge.phase = Open
  d = DepositOrder/min[Bridge.deposited - Sequencer.credited]
  Sequencer.credited' = Sequencer.credited + d
  Sequencer.ledger' = Sequencer.ledger ++ d.depositor -> add[d.depositor.(Sequencer.ledger), d.amount]
  Sequencer.answered' = Sequencer.answered and Sequencer.queued' = Sequencer.queued
  keepContract
}

pred queueWithdrawal[w: Withdrawal] {
  Bridge.phase = Open
  w = WithdrawalOrder/min[Withdrawal - Sequencer.queued]
  no w.answering
  w.owner in Sequencer.ledger.Int and w.owner.(Sequencer.ledger) >= w.quantity
  Sequencer.ledger' = Sequencer.ledger ++ w.owner -> sub[w.owner.(Sequencer.ledger), w.quantity]
  Sequencer.queued' = Sequencer.queued + w
  Sequencer.credited' = Sequencer.credited and Sequencer.answered' = Sequencer.answered
  keepContract
}

-- Serves the oldest unanswered request when its account holds enough, else declines it; either way it is answered.
pred answerForcedRequest[r: Request] {
  Bridge.phase = Open
  r = RequestOrder/min[Bridge.requested - Sequencer.answered]
  Sequencer.answered' = Sequencer.answered + r
  Sequencer.credited' = Sequencer.credited
  let a = r.requester | (a in Sequencer.ledger.Int and a.(Sequencer.ledger) >= r.asked) implies {
    some w: Withdrawal {
      w = WithdrawalOrder/min[Withdrawal - Sequencer.queued]
      w.answering = r and w.owner = a and w.quantity = r.asked
      Sequencer.queued' = Sequencer.queued + w
    }
    Sequencer.ledger' = Sequencer.ledger ++ a -> sub[a.(Sequencer.ledger), r.asked]
  } else {
    Sequencer.queued' = Sequencer.queued and Sequencer.ledger' = Sequencer.ledger
  }
  keepContract
}

pred skip { keepContract and keepSequencer }

fact transitions {
  always (
    (some s: Actor | listAsset[s]) or
    (some d: Deposit | deposit[d]) or
    (some s: Actor, b: Batch | commitBatch[s, b]) or
    (some s: Actor, b: Batch | proveSolvency[s, b]) or
    (some w: Withdrawal | withdraw[w]) or
    (some r: Request | requestForcedWithdrawal[r]) or
    freeze or
    (some a: Account | escape[a]) or
    (some d: Deposit | reclaimDeposit[d]) or
    (some a: Account | payout[a]) or
    (some a: Account | payoutSeized[a]) or
    advanceTime or
    (some d: Deposit | creditDeposit[d]) or
    (some w: Withdrawal | queueWithdrawal[w]) or
    (some r: Request | answerForcedRequest[r]) or
    skip)
}

-- ---- which transition fires, for the trace replay ----

fun fired_listAsset: set Actor { { s: Actor | listAsset[s] } }
fun fired_deposit: set Deposit { { d: Deposit | deposit[d] } }
fun fired_commitBatch: Actor -> Batch { { s: Actor, b: Batch | commitBatch[s, b] } }
fun fired_proveSolvency: Actor -> Batch { { s: Actor, b: Batch | proveSolvency[s, b] } }
fun fired_withdraw: set Withdrawal { { w: Withdrawal | withdraw[w] } }
fun fired_requestForcedWithdrawal: set Request { { r: Request | requestForcedWithdrawal[r] } }
fun fired_freeze: set Bridge { { b: Bridge | freeze } }
fun fired_escape: set Account { { a: Account | escape[a] } }
fun fired_reclaimDeposit: set Deposit { { d: Deposit | reclaimDeposit[d] } }
fun fired_payout: set Account { { a: Account | payout[a] } }
fun fired_payoutSeized: set Account { { a: Account | payoutSeized[a] } }
fun fired_advanceTime: set Bridge { { b: Bridge | advanceTime } }
fun fired_creditDeposit: set Deposit { { d: Deposit | creditDeposit[d] } }
fun fired_queueWithdrawal: set Withdrawal { { w: Withdrawal | queueWithdrawal[w] } }
fun fired_answerForcedRequest: set Request { { r: Request | answerForcedRequest[r] } }

-- ---- properties ----

pred neverPaysMoreThanReceived { always Bridge.paidOut <= received }

pred noWithdrawalPaidTwice { always all w: Withdrawal | withdraw[w] implies after always not withdraw[w] }

-- Weak fairness: time passes, and someone freezes a bridge that may be frozen.
pred fairness {
  (eventually always Bridge.phase in Open + Claiming) implies (always eventually advanceTime)
  (eventually always freezeEnabled) implies (always eventually freeze)
}

pred forcedWithdrawalAnsweredOrFrozen {
  fairness implies always all r: Request |
    r in Bridge.requested implies eventually (r in answeredOnChain or Bridge.phase != Open)
}

pred escapesNeverExceedHoldings { always (Bridge.phase != Over implies liabilities <= held) }

pred everyAccountEscapesWithItsLastBalance {
  always (all a: Account | escape[a] implies a.(Bridge.claims') = add[a.(Bridge.claims), a.(lastBatch.balance)])
  always (all a: Account | payout[a] implies Bridge.paidOut' = add[Bridge.paidOut, a.(Bridge.claims)])
}

pred onlyOperatorCommits {
  always (Bridge.committed' != Bridge.committed implies some b: Batch | commitBatch[Operator, b])
}

-- ---- what the solvency gate guarantees ----

-- Before the freeze the bridge pays a withdrawal only from a batch proven solvent (stated on the state, whatever
-- transition marks it paid).
pred paysOnlyFromProvenBatches {
  always all w: Withdrawal | (Bridge.phase = Open and w not in Bridge.paid and w in Bridge.paid') implies
    some b: Bridge.proved | w in b.withdrawals
}

-- While the last committed batch is proven, what escapes can claim never exceeds what the bridge holds (escapes are
-- not gated: a freeze on an unproven last batch is outside this property).
pred provenEscapesNeverExceedHoldings {
  always ((Bridge.phase != Over and lastBatch in Bridge.proved) implies liabilities <= held)
}

-- When the last committed batch is proven, every payout pays its claim in full.
pred provenPayoutsPayInFull {
  always (all a: Account | (payout[a] and lastBatch in Bridge.proved) implies
    Bridge.paidOut' = add[Bridge.paidOut, a.(Bridge.claims)])
}
