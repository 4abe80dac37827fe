// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

interface IMintableToken
{
    function mint(address to, uint256 amount) external;
    function approve(address spender, uint256 amount) external returns (bool);
}

interface IDepositBridge
{
    function deposit(address account, uint32 subaccount, uint32 asset, uint64 amount) external returns (uint64);
}

/// @title Many bridge deposits in one transaction, as an on-ramp or a wallet's multicall sends them: mints a test
/// token's total to itself, approves the bridge for it and makes one bridge deposit per account (subaccount 0), each
/// an ordinary Deposited event naming its account. Amounts in the asset's quantums; for demos on a local chain only.
/// @dev Each deposit is one word of calldata, `amount << 160 | account`, and the loop is written in assembly, which
/// cuts the batcher's own opcodes per deposit; the bridge's and the token's work is unchanged. An amount of zero or
/// above 2^64 - 1 is refused by the bridge (its require, its ABI decoder), and the revert is passed on.
contract DepositBatch
{
    function depositPacked(IDepositBridge bridge, IMintableToken token, uint32 asset, bytes32[] calldata packed)
        external
    {
        uint256 total = 0;
        assembly
        {
            // At most 2^96 - 1 per word: the sum of any calldata's words cannot overflow.
            let end := add(packed.offset, shl(5, packed.length))
            for { let at := packed.offset } lt(at, end) { at := add(at, 0x20) }
            {
                total := add(total, shr(160, calldataload(at)))
            }
        }
        token.mint(address(this), total);
        require(token.approve(address(bridge), total), "approve");
        require(address(bridge).code.length > 0, "bridge");
        bytes4 selector = IDepositBridge.deposit.selector;
        assembly
        {
            // deposit(account, 0, asset, amount): the subaccount word stays zero, the asset word is set once.
            let call_ := mload(0x40)
            mstore(call_, selector)
            mstore(add(call_, 0x24), 0)
            mstore(add(call_, 0x44), asset)
            let end := add(packed.offset, shl(5, packed.length))
            for { let at := packed.offset } lt(at, end) { at := add(at, 0x20) }
            {
                let word := calldataload(at)
                mstore(add(call_, 0x04), and(word, 0xffffffffffffffffffffffffffffffffffffffff))
                mstore(add(call_, 0x64), shr(160, word))
                if iszero(call(gas(), bridge, 0, call_, 0x84, 0, 0))
                {
                    returndatacopy(0, 0, returndatasize())
                    revert(0, returndatasize())
                }
            }
        }
    }
}
