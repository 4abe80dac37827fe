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
contract DepositBatch
{
    function depositMany(IDepositBridge bridge, IMintableToken token, uint32 asset, address[] calldata accounts,
        uint64[] calldata amounts) external
    {
        require(accounts.length == amounts.length, "length");
        uint256 total = 0;
        for (uint256 i = 0; i < amounts.length; i++)
        {
            total += amounts[i];
        }
        token.mint(address(this), total);
        require(token.approve(address(bridge), total), "approve");
        for (uint256 i = 0; i < accounts.length; i++)
        {
            bridge.deposit(accounts[i], 0, asset, amounts[i]);
        }
    }
}
