// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice The part of ERC-20 the bridge uses.
interface IERC20
{
    function transfer(address to, uint256 amount) external returns (bool);

    function transferFrom(address from, address to, uint256 amount) external returns (bool);

    function balanceOf(address account) external view returns (uint256);
}

/// @title Novation bridge: the base-chain side of the clearing engine.
/// @notice Holds the collateral token (asset 0, USDC: amounts in quantums of 1e-6 USDC), numbers deposits for the
/// node's chain watcher, accepts the operator's batches chained on the previous state root, pays queued withdrawals
/// against a Merkle proof into a committed withdrawals root, takes forced-withdrawal requests and, when the operator
/// leaves one unanswered past the grace period, lets anyone freeze it; once frozen, every account can escape with
/// what its leaf in the last committed state root is worth (docs/protocol.md section 14).
contract NovationBridge
{
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
        uint64 amount;
        bool reclaimed;
    }

    /// @notice A forced-withdrawal request: who asked, from which subaccount, how much, and when (seconds).
    struct ForcedRequest
    {
        address account;
        uint32 subaccount;
        uint64 amount;
        uint64 requestedAt;
    }

    uint256 private constant PRICE_ENTRY = 9;

    IERC20 public immutable token;
    address public immutable operator;
    uint64 public immutable gracePeriod;

    uint64 public batchCount;
    bytes32 public lastStateRoot;
    uint64 public lastCreditedDepositId;
    uint64 public lastAnsweredRequestId;
    uint64 public depositCount;
    uint64 public forcedRequestCount;
    bool public frozen;

    mapping(uint64 => Batch) public batches;
    mapping(uint64 => DepositRecord) public deposits;
    mapping(uint64 => ForcedRequest) public forcedRequests;
    mapping(uint64 => bool) public withdrawalPaid;
    mapping(address => bool) public escaped;

    event Deposited(uint64 indexed depositId, address indexed account, uint32 subaccount, uint64 amount);
    event BatchCommitted(uint64 indexed batchNumber, bytes32 stateRoot, bytes32 withdrawalsRoot, bytes32 commandsHash);
    event WithdrawalPaid(uint64 indexed withdrawalId, address indexed owner, uint64 amount);
    event ForcedWithdrawalRequested(uint64 indexed requestId, address indexed account, uint32 subaccount, uint64 amount);
    event Frozen(uint64 requestId);
    event Escaped(address indexed account, uint256 value, uint256 paid);
    event DepositReclaimed(uint64 indexed depositId, address indexed depositor, uint64 amount);

    /// @param token_ the collateral token (asset 0).
    /// @param operator_ the key that commits batches.
    /// @param gracePeriod_ seconds the operator has to answer a forced-withdrawal request.
    constructor(IERC20 token_, address operator_, uint64 gracePeriod_)
    {
        token = token_;
        operator = operator_;
        gracePeriod = gracePeriod_;
    }

    /// @notice Deposits collateral to an account's subaccount; the node credits it once, by deposit id.
    function deposit(address account, uint32 subaccount, uint64 amount) external returns (uint64 depositId)
    {
        require(!frozen, "frozen");
        require(amount > 0, "amount");
        require(token.transferFrom(msg.sender, address(this), amount), "transferFrom");
        depositId = ++depositCount;
        deposits[depositId] = DepositRecord(msg.sender, amount, false);
        emit Deposited(depositId, account, subaccount, amount);
    }

    /// @notice Commits the next batch; only the operator, chained on the last state root.
    function commitBatch(
        uint64 batchNumber,
        bytes32 previousRoot,
        bytes32 treeRoot,
        bytes32 globalHash,
        bytes32 withdrawalsRoot,
        bytes32 pricesHash,
        bytes32 commandsHash,
        uint64 lastDepositId,
        uint64 lastForcedRequestId) external
    {
        require(msg.sender == operator, "operator");
        require(!frozen, "frozen");
        require(batchNumber == batchCount + 1, "batchNumber");
        require(previousRoot == lastStateRoot, "previousRoot");
        require(lastDepositId >= lastCreditedDepositId && lastDepositId <= depositCount, "lastDepositId");
        require(lastForcedRequestId >= lastAnsweredRequestId && lastForcedRequestId <= forcedRequestCount,
            "lastForcedRequestId");
        bytes32 stateRoot = keccak256(abi.encodePacked(treeRoot, globalHash));
        batches[batchNumber] = Batch(stateRoot, treeRoot, withdrawalsRoot, pricesHash);
        batchCount = batchNumber;
        lastStateRoot = stateRoot;
        lastCreditedDepositId = lastDepositId;
        lastAnsweredRequestId = lastForcedRequestId;
        emit BatchCommitted(batchNumber, stateRoot, withdrawalsRoot, commandsHash);
    }

    /// @notice Pays a withdrawal queued in a committed batch to its owner, once, against its Merkle proof.
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
        require(asset == 0, "asset");
        require(!withdrawalPaid[withdrawalId], "paid");
        require(proof.length < 64 && index < (uint256(1) << proof.length), "index");
        bytes32 value = keccak256(abi.encodePacked(withdrawalId, owner, asset, amount));
        for (uint256 height = 0; height < proof.length; height++)
        {
            value = (index >> height) & 1 == 0 ?
                keccak256(abi.encodePacked(value, proof[height])) :
                keccak256(abi.encodePacked(proof[height], value));
        }
        require(value == batches[batchNumber].withdrawalsRoot, "proof");
        withdrawalPaid[withdrawalId] = true;
        require(token.transfer(owner, amount), "transfer");
        emit WithdrawalPaid(withdrawalId, owner, amount);
    }

    /// @notice Asks the operator, from the base chain, to withdraw from the sender's subaccount.
    function requestForcedWithdrawal(uint32 subaccount, uint64 amount) external returns (uint64 requestId)
    {
        require(!frozen, "frozen");
        require(amount > 0, "amount");
        requestId = ++forcedRequestCount;
        forcedRequests[requestId] = ForcedRequest(msg.sender, subaccount, amount, uint64(block.timestamp));
        emit ForcedWithdrawalRequested(requestId, msg.sender, subaccount, amount);
    }

    /// @notice Freezes the bridge when the oldest unanswered forced withdrawal is older than the grace period.
    function freeze() external
    {
        require(!frozen, "frozen");
        uint64 next = lastAnsweredRequestId + 1;
        require(next <= forcedRequestCount, "no request");
        require(block.timestamp > uint256(forcedRequests[next].requestedAt) + gracePeriod, "grace");
        frozen = true;
        emit Frozen(next);
    }

    /// @notice Once frozen, pays an account what its leaf in the last committed root is worth, once.
    /// @param leaf the account leaf's data (docs/protocol.md section 8).
    /// @param depth depth where the leaf's path ends in the sparse Merkle tree.
    /// @param bitmap the compact proof's sibling bitmap (bit j: sibling at depth - j listed).
    /// @param siblings the listed siblings, nearest to the leaf first.
    /// @param priceTable the committed escape price table (9 bytes per market).
    function escape(
        bytes calldata leaf,
        uint256 depth,
        uint256 bitmap,
        bytes32[] calldata siblings,
        bytes calldata priceTable) external
    {
        require(frozen, "not frozen");
        require(batchCount > 0, "no batch");
        require(leaf.length >= 30, "leaf");
        address owner = address(bytes20(leaf[0:20]));
        require(!escaped[owner], "escaped");
        Batch storage last = batches[batchCount];
        require(keccak256(priceTable) == last.pricesHash, "prices");
        require(verifyLeaf(last.treeRoot, keccak256(abi.encodePacked(owner)), keccak256(leaf), depth, bitmap,
            siblings), "proof");
        uint256 value = accountValue(leaf, priceTable);
        escaped[owner] = true;
        uint256 balance = token.balanceOf(address(this));
        uint256 paid = value < balance ? value : balance;
        if (paid > 0)
        {
            require(token.transfer(owner, paid), "transfer");
        }
        emit Escaped(owner, value, paid);
    }

    /// @notice Once frozen, returns a deposit that no committed batch credited to its depositor.
    function reclaimDeposit(uint64 depositId) external
    {
        require(frozen, "not frozen");
        require(depositId > lastCreditedDepositId && depositId <= depositCount, "credited");
        DepositRecord storage record = deposits[depositId];
        require(!record.reclaimed, "reclaimed");
        record.reclaimed = true;
        require(token.transfer(record.depositor, record.amount), "transfer");
        emit DepositReclaimed(depositId, record.depositor, record.amount);
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

    /// @notice What an account leaf is worth at a price table, in quote quantums: max(0, sum over subaccounts of
    /// the USDC balance plus each position's floor(size * price * 10^e)).
    function accountValue(bytes calldata leaf, bytes calldata priceTable) public pure returns (uint256)
    {
        uint256 p = 28;
        uint256 subaccounts = readUint(leaf, p, 2);
        p += 2;
        int256 total = 0;
        for (uint256 s = 0; s < subaccounts; s++)
        {
            p += 19; // number (2), realized PnL (8), last liquidated at (8), portfolio margin (1)
            uint256 balances = readUint(leaf, p, 2);
            p += 2;
            for (uint256 b = 0; b < balances; b++)
            {
                if (readUint(leaf, p, 2) == 0)
                {
                    total += int256(int64(uint64(readUint(leaf, p + 2, 8))));
                }
                p += 10;
            }
            uint256 positions = readUint(leaf, p, 2);
            p += 2;
            for (uint256 i = 0; i < positions; i++)
            {
                uint256 market = readUint(leaf, p, 4);
                int256 size = int256(int64(uint64(readUint(leaf, p + 4, 8))));
                p += 28;
                total += notional(size, market, priceTable);
            }
        }
        require(p == leaf.length, "leaf length");
        return total < 0 ? 0 : uint256(total);
    }

    function notional(int256 size, uint256 market, bytes calldata priceTable) internal pure returns (int256)
    {
        // The table: the number of perpetual markets (2 bytes), their entries, then one entry per option series
        // (ids from 65,536), each its intrinsic value at the committed price.
        uint256 perpetuals = readUint(priceTable, 0, 2);
        uint256 index;
        if (market < 65536)
        {
            require(market < perpetuals, "market");
            index = market;
        }
        else
        {
            index = perpetuals + (market - 65536);
        }
        uint256 offset = 2 + index * PRICE_ENTRY;
        require(offset + PRICE_ENTRY <= priceTable.length, "market");
        int256 product = size * int256(int64(uint64(readUint(priceTable, offset, 8))));
        int256 exponent = int256(int8(uint8(priceTable[offset + 8])));
        if (exponent >= 0)
        {
            return product * int256(10 ** uint256(exponent));
        }
        int256 divisor = int256(10 ** uint256(-exponent));
        int256 quotient = product / divisor;
        if (product % divisor != 0 && product < 0)
        {
            quotient -= 1;
        }
        return quotient;
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
