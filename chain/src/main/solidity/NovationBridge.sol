// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice The part of ERC-20 the bridge uses.
interface IERC20
{
    function transfer(address to, uint256 amount) external returns (bool);

    function transferFrom(address from, address to, uint256 amount) external returns (bool);

    function balanceOf(address account) external view returns (uint256);
}

/// @notice The Groth16 verifier of the solvency chunk circuit (exported by snarkjs, SolvencyVerifier.sol); public
/// signals: root, batchNumber, chunkIndex, depth, isLast, commitIn, commitOut, totals[4] (docs/solvency.md).
interface ISolvencyVerifier
{
    function verifyProof(
        uint256[2] calldata a,
        uint256[2][2] calldata b,
        uint256[2] calldata c,
        uint256[11] calldata publicSignals) external view returns (bool);
}

/// @title Novation bridge: the base-chain side of the clearing engine.
/// @notice Holds one ERC-20 per listed asset of the engine's registry (asset 0, USDC, listed at deployment; the others
/// listed by the operator, once each; amounts in quantums of the asset, one quantum per token base unit), numbers
/// deposits for the node's chain watcher, accepts the operator's batches chained on the previous state root, pays
/// queued withdrawals of any listed asset against a Merkle proof into a committed withdrawals root, takes
/// forced-withdrawal requests and, when the operator leaves one unanswered past the grace period, lets anyone freeze
/// it. Once frozen, escape is two-phase (docs/protocol.md section 15): during the claim period every account proves
/// its leaf in the last committed state root and registers what it is owed per asset (committed withdrawals and
/// uncredited deposits register too); after it, each claim is paid pro rata, claim * min(1, held / claimed) per asset.
/// The collateral an escaping leaf gives up to cover a negative USDC value (seized) is paid to the USDC claimants, pro
/// rata to their USDC claims, out of the same pool of its asset.
/// Each batch commits its withdrawal totals per asset (slot i = asset id i), which bound what its withdrawals pay.
/// When deployed with a solvency verifier, every committed batch must be proven solvent (proveSolvency,
/// docs/solvency.md section "The bridge gate"), its accounts' totals plus every committed withdrawal not yet paid
/// covered by the bridge's reserves, before its withdrawals are paid and before the next batch is committed;
/// deployed with the zero address, batches are final when committed (their totals still bound their withdrawals).
contract NovationBridge
{
    /// @notice A batch's solvency proof in progress or done: the Poseidon root R, the levels above a chunk, the next
    /// chunk expected, the last accepted chunk's running-sum commitment, whether the last chunk was accepted.
    struct Solvency
    {
        uint256 root;
        uint64 depth;
        uint64 nextChunk;
        uint256 commitment;
        bool proven;
    }

    /// @notice What the bridge keeps of a committed batch.
    struct Batch
    {
        bytes32 stateRoot;
        bytes32 treeRoot;
        bytes32 withdrawalsRoot;
        bytes32 pricesHash;
    }

    /// @notice A deposit, kept so that it can be reclaimed if the bridge freezes before a batch credits it.
    struct DepositRecord
    {
        address depositor;
        uint32 asset;
        uint64 amount;
        bool reclaimed;
    }

    /// @notice A forced-withdrawal request: who asked, from which subaccount, which asset, how much, and when.
    struct ForcedRequest
    {
        address account;
        uint32 subaccount;
        uint32 asset;
        uint64 amount;
        uint64 requestedAt;
    }

    uint8 private constant PRICE_TABLE_VERSION = 2;
    uint256 private constant ASSET_ENTRY = 9;
    uint256 private constant PERPETUAL_ENTRY = 25;
    uint256 private constant OPTION_ENTRY = 25;
    uint256 private constant FIRST_OPTION_ID = 65536;
    int256 private constant PPB = 1e9;
    uint256 private constant SOLVENCY_ASSETS = 4;
    uint256 private constant SOLVENCY_MAX_DEPTH = 20;
    uint256 private constant CHUNK_WORDS = 14;
    uint256 private constant SNARK_FIELD =
        21888242871839275222246405745257275088548364400416034343698204186575808495617;

    address public immutable operator;
    uint64 public immutable gracePeriod;
    uint64 public immutable claimPeriod;
    ISolvencyVerifier public immutable solvencyVerifier;

    uint64 public batchCount;
    bytes32 public lastStateRoot;
    uint64 public lastCreditedDepositId;
    uint64 public lastAnsweredRequestId;
    uint64 public depositCount;
    uint64 public forcedRequestCount;
    bool public frozen;
    uint64 public claimDeadline;

    mapping(uint32 => IERC20) public tokens;
    mapping(address => bool) public listedToken;
    mapping(uint64 => Batch) public batches;
    mapping(uint64 => DepositRecord) public deposits;
    mapping(uint64 => ForcedRequest) public forcedRequests;
    mapping(uint64 => bool) public withdrawalPaid;
    mapping(address => bool) public escaped;
    mapping(address => mapping(uint32 => uint256)) public claims;
    mapping(uint32 => uint256) public totalClaimed;
    mapping(uint32 => uint256) public pool;
    mapping(uint32 => bool) public poolFixed;
    mapping(uint32 => uint256) public seized;
    mapping(address => uint256) public usdcClaims;
    mapping(address => mapping(uint32 => bool)) public seizedPaid;
    mapping(uint64 => Solvency) public solvency;
    mapping(uint32 => uint256) public uncreditedDeposits;
    /// @notice Per asset id, the committed withdrawals not yet paid (nor registered as claims); kept with a verifier.
    mapping(uint32 => uint256) public unpaidWithdrawals;
    /// @notice Per batch, what its withdrawals may still pay per asset: its committed totals less what they paid.
    mapping(uint64 => uint64[4]) private withdrawable;

    event AssetListed(uint32 indexed asset, address token);
    event Deposited(uint64 indexed depositId, address indexed account, uint32 subaccount, uint32 asset, uint64 amount);
    event BatchCommitted(uint64 indexed batchNumber, bytes32 stateRoot, bytes32 withdrawalsRoot, bytes32 commandsHash);
    event WithdrawalPaid(uint64 indexed withdrawalId, address indexed owner, uint32 asset, uint64 amount);
    event ForcedWithdrawalRequested(uint64 indexed requestId, address indexed account, uint32 subaccount,
        uint32 asset, uint64 amount);
    event Frozen(uint64 requestId, uint64 claimDeadline);
    event Claimed(address indexed account, uint32 indexed asset, uint256 amount);
    event ClaimPaid(address indexed account, uint32 indexed asset, uint256 claimed, uint256 paid);
    event Seized(address indexed account, uint32 indexed asset, uint256 amount);
    event SeizedPaid(address indexed account, uint32 indexed asset, uint256 share, uint256 paid);
    event SolvencyChunkProven(uint64 indexed batchNumber, uint256 root, uint64 chunkIndex, uint256 commitment);
    event SolvencyProven(uint64 indexed batchNumber, uint256 root, uint256[4] totals);
    event SolvencyProofRestarted(uint64 indexed batchNumber, uint256 previousRoot, uint256 root, uint64 depth);

    /// @param usdc the quote collateral token, listed as asset 0.
    /// @param operator_ the key that commits batches and lists assets.
    /// @param gracePeriod_ seconds the operator has to answer a forced-withdrawal request.
    /// @param claimPeriod_ seconds after the freeze during which claims are registered.
    /// @param verifier_ the solvency chunk verifier, or the zero address for batches final when committed.
    constructor(IERC20 usdc, address operator_, uint64 gracePeriod_, uint64 claimPeriod_, ISolvencyVerifier verifier_)
    {
        operator = operator_;
        gracePeriod = gracePeriod_;
        claimPeriod = claimPeriod_;
        solvencyVerifier = verifier_;
        list(0, usdc);
    }

    /// @notice Lists the token of an engine asset id; operator only, once per asset id and once per token, and only
    /// an asset id below SOLVENCY_ASSETS: a batch commits its withdrawal totals (and a solvency proof its totals) in
    /// one slot per asset id, so the withdrawals of any other asset could never be paid.
    function listAsset(uint32 asset, IERC20 token) external
    {
        require(msg.sender == operator, "operator");
        require(!frozen, "frozen");
        require(asset < SOLVENCY_ASSETS, "asset id without withdrawal slot");
        list(asset, token);
    }

    function list(uint32 asset, IERC20 token) private
    {
        require(address(token) != address(0), "token");
        require(address(tokens[asset]) == address(0), "asset already listed");
        require(!listedToken[address(token)], "token already listed");
        tokens[asset] = token;
        listedToken[address(token)] = true;
        emit AssetListed(asset, address(token));
    }

    /// @notice Deposits a listed asset to an account's subaccount; the node credits it once, by deposit id.
    function deposit(address account, uint32 subaccount, uint32 asset, uint64 amount)
        external returns (uint64 depositId)
    {
        require(!frozen, "frozen");
        require(amount > 0, "amount");
        IERC20 token = listed(asset);
        require(token.transferFrom(msg.sender, address(this), amount), "transferFrom");
        depositId = ++depositCount;
        deposits[depositId] = DepositRecord(msg.sender, asset, amount, false);
        if (address(solvencyVerifier) != address(0))
        {
            uncreditedDeposits[asset] += amount;
        }
        emit Deposited(depositId, account, subaccount, asset, amount);
    }

    /// @notice Commits the next batch; only the operator, chained on the last state root.
    /// @param withdrawalTotals the sums of the batch's withdrawals per asset (slot i = asset id i, quantums; zero for
    /// an asset the bridge has not listed): its withdrawals pay no more, and with a verifier they count as owed until
    /// paid in every later solvency proof's reserve check.
    function commitBatch(
        uint64 batchNumber,
        bytes32 previousRoot,
        bytes32 treeRoot,
        bytes32 globalHash,
        bytes32 withdrawalsRoot,
        bytes32 pricesHash,
        bytes32 commandsHash,
        uint64 lastDepositId,
        uint64 lastForcedRequestId,
        uint64[4] calldata withdrawalTotals) external
    {
        require(msg.sender == operator, "operator");
        require(!frozen, "frozen");
        require(batchNumber == batchCount + 1, "batchNumber");
        require(previousRoot == lastStateRoot, "previousRoot");
        require(lastDepositId >= lastCreditedDepositId && lastDepositId <= depositCount, "lastDepositId");
        require(lastForcedRequestId >= lastAnsweredRequestId && lastForcedRequestId <= forcedRequestCount,
            "lastForcedRequestId");
        if (address(solvencyVerifier) != address(0))
        {
            require(batchCount == 0 || solvency[batchCount].proven, "previous batch unproven");
            for (uint64 id = lastCreditedDepositId + 1; id <= lastDepositId; id++)
            {
                uncreditedDeposits[deposits[id].asset] -= deposits[id].amount;
            }
        }
        bool anyWithdrawal = false;
        for (uint32 asset = 0; asset < SOLVENCY_ASSETS; asset++)
        {
            uint64 total = withdrawalTotals[asset];
            if (total == 0)
            {
                continue;
            }
            require(address(tokens[asset]) != address(0), "withdrawal totals");
            anyWithdrawal = true;
            if (address(solvencyVerifier) != address(0))
            {
                unpaidWithdrawals[asset] += total;
            }
        }
        if (anyWithdrawal)
        {
            withdrawable[batchNumber] = withdrawalTotals;
        }
        bytes32 stateRoot = keccak256(abi.encodePacked(treeRoot, globalHash));
        batches[batchNumber] = Batch(stateRoot, treeRoot, withdrawalsRoot, pricesHash);
        batchCount = batchNumber;
        lastStateRoot = stateRoot;
        lastCreditedDepositId = lastDepositId;
        lastAnsweredRequestId = lastForcedRequestId;
        emit BatchCommitted(batchNumber, stateRoot, withdrawalsRoot, commandsHash);
    }

    /// @notice Proves a committed batch solvent, chunk by chunk in order (one or more chunks per call; operator only):
    /// each chunk's Groth16 proof binds its leaves to the Poseidon solvency root R (docs/solvency.md), which the
    /// batch's first chunk records; the public signals the bridge fills in itself (R, the batch number, depth, the
    /// previous chunk's commitment) cannot be chosen by the prover. The last chunk (index 2^depth - 1) opens the
    /// totals owed per asset (slot i is asset id i), which, with the committed withdrawals not yet paid, the bridge's
    /// balance of each asset less the deposits no batch has credited yet must cover; then the batch is proven.
    /// Until then, a call whose first chunk has index 0 restarts the proof: R and depth are taken anew and the
    /// progress is reset (a first chunk posted with a wrong R does not block the batch, and so the bridge, forever).
    /// @param root R, the batch's solvency root (taken from chunk 0; must match it afterwards).
    /// @param depth levels of the tree above a chunk (the tree has 2^depth chunks).
    /// @param chunks 14 words per chunk: the proof's a (2), b (2 x 2, as snarkjs exports it for Solidity) and c (2),
    /// then the chunk index, its commitOut and its totals (4; zero but for the last chunk).
    function proveSolvency(uint64 batchNumber, uint256 root, uint64 depth, uint256[] calldata chunks) external
    {
        require(msg.sender == operator, "operator");
        require(address(solvencyVerifier) != address(0), "no verifier");
        require(!frozen, "frozen");
        require(batchNumber >= 1 && batchNumber <= batchCount, "batch");
        Solvency storage state = solvency[batchNumber];
        require(!state.proven, "proven");
        require(chunks.length > 0 && chunks.length % CHUNK_WORDS == 0, "chunks");
        if (chunks[8] == 0)
        {
            require(root != 0 && root < SNARK_FIELD, "root");
            require(depth <= SOLVENCY_MAX_DEPTH, "depth");
            if (state.nextChunk != 0)
            {
                emit SolvencyProofRestarted(batchNumber, state.root, root, depth);
            }
            state.root = root;
            state.depth = depth;
            state.nextChunk = 0;
            state.commitment = 0;
        }
        else
        {
            require(state.nextChunk != 0, "chunk order");
        }
        require(root == state.root, "root mismatch");
        require(depth == state.depth, "depth mismatch");
        uint256 lastChunk = (uint256(1) << depth) - 1;
        for (uint256 p = 0; p < chunks.length; p += CHUNK_WORDS)
        {
            require(!state.proven, "proven");
            uint256 chunkIndex = chunks[p + 8];
            uint256 commitOut = chunks[p + 9];
            require(chunkIndex == state.nextChunk, "chunk order");
            uint256 isLast = chunkIndex == lastChunk ? 1 : 0;
            uint256[4] memory totals = [chunks[p + 10], chunks[p + 11], chunks[p + 12], chunks[p + 13]];
            uint256[11] memory signals = [root, uint256(batchNumber), chunkIndex, uint256(depth), isLast,
                state.commitment, commitOut, totals[0], totals[1], totals[2], totals[3]];
            require(verifyChunk(chunks[p:p + 8], signals), "solvency proof");
            state.commitment = commitOut;
            state.nextChunk = uint64(chunkIndex + 1);
            emit SolvencyChunkProven(batchNumber, root, uint64(chunkIndex), commitOut);
            if (isLast == 1)
            {
                requireReserves(totals);
                state.proven = true;
                emit SolvencyProven(batchNumber, root, totals);
            }
        }
    }

    function verifyChunk(uint256[] calldata proof, uint256[11] memory signals) private view returns (bool)
    {
        return solvencyVerifier.verifyProof([proof[0], proof[1]], [[proof[2], proof[3]], [proof[4], proof[5]]],
            [proof[6], proof[7]], signals);
    }

    /// @notice Whether a batch may be paid from: always without a verifier, else once proven solvent.
    function isProven(uint64 batchNumber) external view returns (bool)
    {
        return address(solvencyVerifier) == address(0) ?
            batchNumber >= 1 && batchNumber <= batchCount : solvency[batchNumber].proven;
    }

    /// @notice Slot i holds asset id i: its total plus the asset's committed withdrawals not yet paid must not exceed
    /// the bridge's balance of the asset less the deposits of it no batch has credited; the slot of an asset the
    /// bridge has not listed must be zero.
    function requireReserves(uint256[4] memory totals) private view
    {
        for (uint32 asset = 0; asset < SOLVENCY_ASSETS; asset++)
        {
            if (address(tokens[asset]) == address(0))
            {
                require(totals[asset] == 0, "unlisted asset");
                continue;
            }
            uint256 held = tokens[asset].balanceOf(address(this));
            uint256 reserve = held > uncreditedDeposits[asset] ? held - uncreditedDeposits[asset] : 0;
            require(totals[asset] + unpaidWithdrawals[asset] <= reserve, "reserves");
        }
    }

    /// @notice Pays a withdrawal queued in a committed batch to its owner, once, in the asset it was queued in,
    /// against its Merkle proof, within what the batch's committed totals of the asset have left; after the freeze,
    /// registers it as a claim instead (claim period only).
    function withdraw(
        uint64 batchNumber,
        uint64 withdrawalId,
        address owner,
        uint32 asset,
        uint64 amount,
        uint256 index,
        bytes32[] calldata proof) external
    {
        require(batchNumber >= 1 && batchNumber <= batchCount, "batch");
        IERC20 token = listed(asset);
        require(!withdrawalPaid[withdrawalId], "paid");
        require(frozen || address(solvencyVerifier) == address(0) || solvency[batchNumber].proven, "unproven");
        require(withdrawalsRootOf(withdrawalLeaf(withdrawalId, owner, asset, amount), index, proof) ==
            batches[batchNumber].withdrawalsRoot, "proof");
        if (frozen)
        {
            requireClaimPeriod();
        }
        require(asset < SOLVENCY_ASSETS && withdrawable[batchNumber][asset] >= amount, "withdrawal totals");
        withdrawable[batchNumber][asset] -= amount;
        if (address(solvencyVerifier) != address(0))
        {
            unpaidWithdrawals[asset] -= amount;
        }
        if (frozen)
        {
            withdrawalPaid[withdrawalId] = true;
            claim(owner, asset, amount);
            return;
        }
        withdrawalPaid[withdrawalId] = true;
        require(token.transfer(owner, amount), "transfer");
        emit WithdrawalPaid(withdrawalId, owner, asset, amount);
    }

    /// @notice What a batch's withdrawals of an asset may still pay: its committed total less what they paid (or
    /// registered as claims).
    function withdrawableOf(uint64 batchNumber, uint32 asset) external view returns (uint64)
    {
        return asset < SOLVENCY_ASSETS ? withdrawable[batchNumber][asset] : 0;
    }

    /// @notice The leaf of a withdrawal: keccak256(withdrawalId (8) || owner (20) || asset (4) || amount (8)).
    function withdrawalLeaf(uint64 withdrawalId, address owner, uint32 asset, uint64 amount)
        public pure returns (bytes32)
    {
        return keccak256(abi.encodePacked(withdrawalId, owner, asset, amount));
    }

    function withdrawalsRootOf(bytes32 leaf, uint256 index, bytes32[] calldata proof) internal pure returns (bytes32)
    {
        require(proof.length < 64 && index < (uint256(1) << proof.length), "index");
        bytes32 value = leaf;
        for (uint256 height = 0; height < proof.length; height++)
        {
            value = (index >> height) & 1 == 0 ?
                keccak256(abi.encodePacked(value, proof[height])) :
                keccak256(abi.encodePacked(proof[height], value));
        }
        return value;
    }

    /// @notice Asks the operator, from the base chain, to withdraw a listed asset from the sender's subaccount.
    function requestForcedWithdrawal(uint32 subaccount, uint32 asset, uint64 amount)
        external returns (uint64 requestId)
    {
        require(!frozen, "frozen");
        require(amount > 0, "amount");
        listed(asset);
        requestId = ++forcedRequestCount;
        forcedRequests[requestId] = ForcedRequest(msg.sender, subaccount, asset, amount, uint64(block.timestamp));
        emit ForcedWithdrawalRequested(requestId, msg.sender, subaccount, asset, amount);
    }

    /// @notice Freezes the bridge when the oldest unanswered forced withdrawal is older than the grace period; the
    /// claim period starts.
    function freeze() external
    {
        require(!frozen, "frozen");
        uint64 next = lastAnsweredRequestId + 1;
        require(next <= forcedRequestCount, "no request");
        require(block.timestamp > uint256(forcedRequests[next].requestedAt) + gracePeriod, "grace");
        frozen = true;
        claimDeadline = uint64(block.timestamp) + claimPeriod;
        emit Frozen(next, claimDeadline);
    }

    /// @notice In the claim period, registers what an account's leaf in the last committed root is owed, per asset,
    /// once per account, and adds the collateral its subaccounts give up to cover deficits to seized (see
    /// accountClaims); paid by payout and payoutSeized after the claim period.
    /// @param leaf the account leaf's data (docs/protocol.md section 8).
    /// @param depth depth where the leaf's path ends in the sparse Merkle tree.
    /// @param bitmap the compact proof's sibling bitmap (bit j: sibling at depth - j listed).
    /// @param siblings the listed siblings, nearest to the leaf first.
    /// @param priceTable the committed escape price table (version 2).
    function escape(
        bytes calldata leaf,
        uint256 depth,
        uint256 bitmap,
        bytes32[] calldata siblings,
        bytes calldata priceTable) external
    {
        requireClaimPeriod();
        require(batchCount > 0, "no batch");
        require(leaf.length >= 30, "leaf");
        address owner = address(bytes20(leaf[0:20]));
        require(!escaped[owner], "escaped");
        Batch storage last = batches[batchCount];
        require(keccak256(priceTable) == last.pricesHash, "prices");
        require(verifyLeaf(last.treeRoot, keccak256(abi.encodePacked(owner)), keccak256(leaf), depth, bitmap,
            siblings), "proof");
        (uint256[] memory owed, uint256[] memory taken) = accountClaims(leaf, priceTable);
        escaped[owner] = true;
        for (uint256 asset = 0; asset < owed.length; asset++)
        {
            if (address(tokens[uint32(asset)]) == address(0))
            {
                continue;
            }
            if (owed[asset] > 0)
            {
                claim(owner, uint32(asset), owed[asset]);
            }
            if (taken[asset] > 0)
            {
                seized[uint32(asset)] += taken[asset];
                emit Seized(owner, uint32(asset), taken[asset]);
            }
        }
    }

    /// @notice In the claim period, registers a deposit that no committed batch credited as its depositor's claim.
    function reclaimDeposit(uint64 depositId) external
    {
        requireClaimPeriod();
        require(depositId > lastCreditedDepositId && depositId <= depositCount, "credited");
        DepositRecord storage record = deposits[depositId];
        require(!record.reclaimed, "reclaimed");
        record.reclaimed = true;
        claim(record.depositor, record.asset, record.amount);
    }

    /// @notice After the claim period, pays an account's claim of an asset, once: claim * min(1, held / owed),
    /// rounded down, where held is what the bridge holds of the asset at its first payout and owed is
    /// totalClaimed + seized of the asset (nothing leaves the bridge after the freeze but payouts, so the payouts of
    /// an asset never exceed what it held).
    function payout(address account, uint32 asset) external
    {
        requireClaimPeriodOver();
        IERC20 token = listed(asset);
        uint256 claimed = claims[account][asset];
        require(claimed > 0, "no claim");
        claims[account][asset] = 0;
        uint256 paid = proRata(asset, token, claimed);
        if (paid > 0)
        {
            require(token.transfer(account, paid), "transfer");
        }
        emit ClaimPaid(account, asset, claimed, paid);
    }

    /// @notice After the claim period, pays a USDC claimant its share of the collateral of another asset seized to
    /// cover deficits, once: share = seized * usdcClaim / totalClaimed(USDC), rounded down, scaled by the same
    /// min(1, held / owed) as payout of that asset. The deficits the seized collateral covers are exactly what the
    /// USDC claims exceed the USDC the bridge holds by (docs/protocol.md section 15).
    function payoutSeized(address account, uint32 asset) external
    {
        requireClaimPeriodOver();
        require(asset != 0, "asset");
        IERC20 token = listed(asset);
        uint256 usdcClaim = usdcClaims[account];
        require(usdcClaim > 0 && seized[asset] > 0, "no claim");
        require(!seizedPaid[account][asset], "paid");
        seizedPaid[account][asset] = true;
        uint256 share = seized[asset] * usdcClaim / totalClaimed[0];
        uint256 paid = proRata(asset, token, share);
        if (paid > 0)
        {
            require(token.transfer(account, paid), "transfer");
        }
        emit SeizedPaid(account, asset, share, paid);
    }

    /// @notice amount * min(1, pool / (totalClaimed + seized)) of an asset, rounded down, the pool fixed at the
    /// asset's first payout.
    function proRata(uint32 asset, IERC20 token, uint256 amount) private returns (uint256)
    {
        if (!poolFixed[asset])
        {
            poolFixed[asset] = true;
            pool[asset] = token.balanceOf(address(this));
        }
        uint256 owed = totalClaimed[asset] + seized[asset];
        return owed <= pool[asset] ? amount : amount * pool[asset] / owed;
    }

    function claim(address account, uint32 asset, uint256 amount) private
    {
        claims[account][asset] += amount;
        totalClaimed[asset] += amount;
        if (asset == 0)
        {
            usdcClaims[account] += amount;
        }
        emit Claimed(account, asset, amount);
    }

    function requireClaimPeriodOver() private view
    {
        require(frozen && block.timestamp > claimDeadline, "claim period");
    }

    function requireClaimPeriod() private view
    {
        require(frozen, "not frozen");
        require(block.timestamp <= claimDeadline, "claim period over");
    }

    function listed(uint32 asset) private view returns (IERC20 token)
    {
        token = tokens[asset];
        require(address(token) != address(0), "asset not listed");
    }

    /// @notice Checks a compact sparse Merkle proof (Fuel layout, Keccak-256) of a leaf against a tree root.
    function verifyLeaf(
        bytes32 root,
        bytes32 key,
        bytes32 dataHash,
        uint256 depth,
        uint256 bitmap,
        bytes32[] calldata siblings) public pure returns (bool)
    {
        if (depth > 256 || (depth < 256 && (bitmap >> depth) != 0))
        {
            return false;
        }
        bytes32 value = keccak256(abi.encodePacked(bytes1(0x00), key, dataHash));
        uint256 next = 0;
        for (uint256 height = 0; height < depth; height++)
        {
            bytes32 sibling;
            if ((bitmap >> height) & 1 == 1)
            {
                if (next >= siblings.length)
                {
                    return false;
                }
                sibling = siblings[next++];
            }
            uint256 bit = (uint256(key) >> (255 - (depth - 1 - height))) & 1;
            value = bit == 0 ?
                keccak256(abi.encodePacked(bytes1(0x01), value, sibling)) :
                keccak256(abi.encodePacked(bytes1(0x01), sibling, value));
        }
        return next == siblings.length && value == root;
    }

    /// @notice Offsets of a version-2 price table's sections.
    struct Table
    {
        uint256 assets;
        uint256 assetsAt;
        uint256 perpetuals;
        uint256 perpetualsAt;
        uint256 options;
        uint256 optionsAt;
    }

    /// @notice What an account leaf is owed per asset id at a version-2 price table (docs/protocol.md section 15):
    /// per subaccount, the quote value q = USDC balance + each position's floor(size * price * 10^e) and accrued
    /// funding floor((positionIndex - sideIndex) * size / 1e9) (+ the value of any negative other balance); other
    /// assets are owed in kind, less what covers a negative q (asset id order, quantums rounded up: the quantums
    /// taken are reported as seized); what they cannot cover is dropped, so no subaccount counts below zero. Claims
    /// and seized quantums are summed over the subaccounts.
    function accountClaims(bytes calldata leaf, bytes calldata priceTable)
        public pure returns (uint256[] memory owed, uint256[] memory taken)
    {
        Table memory table = parseTable(priceTable);
        owed = new uint256[](table.assets);
        taken = new uint256[](table.assets);
        uint256[] memory balances = new uint256[](table.assets);
        uint256 p = 28;
        uint256 subaccounts = readUint(leaf, p, 2);
        p += 2;
        for (uint256 s = 0; s < subaccounts; s++)
        {
            p += 19; // number (2), realized PnL (8), last liquidated at (8), margin mode (1)
            int256 quote;
            (quote, p) = readBalances(leaf, p, priceTable, table, balances);
            uint256 positions = readUint(leaf, p, 2);
            p += 2;
            for (uint256 i = 0; i < positions; i++)
            {
                quote += positionValue(leaf, p, priceTable, table);
                p += 28;
            }
            if (quote > 0)
            {
                owed[0] += uint256(quote);
            }
            coverDeficit(quote < 0 ? uint256(-quote) : 0, priceTable, table, balances, taken);
            for (uint256 a = 1; a < table.assets; a++)
            {
                owed[a] += balances[a];
            }
        }
        require(p == leaf.length, "leaf length");
    }

    function readBalances(
        bytes calldata leaf,
        uint256 p,
        bytes calldata priceTable,
        Table memory table,
        uint256[] memory balances) internal pure returns (int256 quote, uint256 next)
    {
        for (uint256 a = 0; a < table.assets; a++)
        {
            balances[a] = 0;
        }
        uint256 count = readUint(leaf, p, 2);
        p += 2;
        for (uint256 b = 0; b < count; b++)
        {
            uint256 asset = readUint(leaf, p, 2);
            int256 quantums = int256(int64(uint64(readUint(leaf, p + 2, 8))));
            p += 10;
            require(asset < table.assets, "asset");
            if (asset == 0)
            {
                quote += quantums;
            }
            else if (quantums < 0)
            {
                (int256 price, int256 exponent) = priceAt(priceTable, table.assetsAt + asset * ASSET_ENTRY);
                quote += scale(quantums * price, exponent);
            }
            else
            {
                balances[asset] = uint256(quantums);
            }
        }
        next = p;
    }

    function coverDeficit(
        uint256 deficit,
        bytes calldata priceTable,
        Table memory table,
        uint256[] memory balances,
        uint256[] memory taken) internal pure
    {
        for (uint256 a = 1; a < table.assets && deficit > 0; a++)
        {
            (int256 price, int256 exponent) = priceAt(priceTable, table.assetsAt + a * ASSET_ENTRY);
            if (balances[a] == 0 || price <= 0)
            {
                continue;
            }
            uint256 numerator = exponent >= 0 ? deficit : deficit * 10 ** uint256(-exponent);
            uint256 denominator = exponent >= 0 ? uint256(price) * 10 ** uint256(exponent) : uint256(price);
            uint256 covering = (numerator + denominator - 1) / denominator;
            if (covering <= balances[a])
            {
                balances[a] -= covering;
                taken[a] += covering;
                deficit = 0;
            }
            else
            {
                deficit -= uint256(scale(int256(balances[a]) * price, exponent));
                taken[a] += balances[a];
                balances[a] = 0;
            }
        }
    }

    function positionValue(bytes calldata leaf, uint256 p, bytes calldata priceTable, Table memory table)
        internal pure returns (int256)
    {
        uint256 market = readUint(leaf, p, 4);
        int256 size = int256(int64(uint64(readUint(leaf, p + 4, 8))));
        if (market < FIRST_OPTION_ID)
        {
            require(market < table.perpetuals, "market");
            uint256 offset = table.perpetualsAt + market * PERPETUAL_ENTRY;
            (int256 price, int256 exponent) = priceAt(priceTable, offset);
            int256 positionIndex = int256(int64(uint64(readUint(leaf, p + 20, 8))));
            int256 sideIndex = int256(int64(uint64(readUint(priceTable, offset + (size >= 0 ? 9 : 17), 8))));
            return scale(size * price, exponent) + floorDiv((positionIndex - sideIndex) * size, PPB);
        }
        require(market - FIRST_OPTION_ID < table.options, "market");
        uint256 entry = table.optionsAt + (market - FIRST_OPTION_ID) * OPTION_ENTRY;
        (int256 value, int256 e) = priceAt(priceTable, entry);
        int256 lossIndex = int256(int64(uint64(readUint(leaf, p + 20, 8))));
        int256 optionSideIndex = int256(int64(uint64(readUint(priceTable, entry + (size >= 0 ? 9 : 17), 8))));
        return scale(size * value, e) + floorDiv((lossIndex - optionSideIndex) * size, PPB);
    }

    function parseTable(bytes calldata priceTable) internal pure returns (Table memory table)
    {
        require(readUint(priceTable, 0, 1) == PRICE_TABLE_VERSION, "price table version");
        table.assets = readUint(priceTable, 1, 2);
        table.assetsAt = 3;
        uint256 p = table.assetsAt + table.assets * ASSET_ENTRY;
        table.perpetuals = readUint(priceTable, p, 2);
        table.perpetualsAt = p + 2;
        p = table.perpetualsAt + table.perpetuals * PERPETUAL_ENTRY;
        table.options = readUint(priceTable, p, 2);
        table.optionsAt = p + 2;
        require(table.assets > 0 && table.optionsAt + table.options * OPTION_ENTRY == priceTable.length,
            "price table length");
    }

    function priceAt(bytes calldata priceTable, uint256 offset) internal pure returns (int256 price, int256 exponent)
    {
        price = int256(int64(uint64(readUint(priceTable, offset, 8))));
        exponent = int256(int8(uint8(priceTable[offset + 8])));
    }

    /// @notice floor(product * 10^exponent).
    function scale(int256 product, int256 exponent) internal pure returns (int256)
    {
        if (exponent >= 0)
        {
            return product * int256(10 ** uint256(exponent));
        }
        return floorDiv(product, int256(10 ** uint256(-exponent)));
    }

    function floorDiv(int256 numerator, int256 denominator) internal pure returns (int256 quotient)
    {
        quotient = numerator / denominator;
        if (numerator % denominator != 0 && numerator < 0)
        {
            quotient -= 1;
        }
    }

    function readUint(bytes calldata data, uint256 offset, uint256 length) internal pure returns (uint256 value)
    {
        require(offset + length <= data.length, "short");
        for (uint256 i = 0; i < length; i++)
        {
            value = (value << 8) | uint8(data[offset + i]);
        }
    }
}
