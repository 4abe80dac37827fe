package io.novation.chain;

import io.novation.core.engine.EngineFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

import static io.novation.core.engine.EngineFixture.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain side of a restart: the EVM is stopped and started again on its database while the engine keeps its
 * state; the chain watcher, which keeps no cursor of its own, credits each deposit exactly once across it, and a
 * watcher started afresh after it credits nothing twice.
 */
class ChainRestartTest
{
    @TempDir
    Path database;

    private static Credentials credentials(final String name)
    {
        return Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, EngineFixture.key(name)),
            64));
    }

    @Test
    void shouldCreditEachDepositOnceAcrossARestartOfTheChain() throws Exception
    {
        final Credentials operator = credentials("operator");
        final Credentials alice = credentials("alice");
        final Credentials bob = credentials("bob");
        try (LocalChain chain = LocalChain.start(database, operator, alice, bob))
        {
            final String token = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
                chain.bytecode("TestToken"), List.of(new Utf8String("tUSDC"), new Uint8(6)));
            final String bridgeAddress = BridgeClient.deploy(chain.web3j, operator, LocalChain.CHAIN_ID,
                chain.bytecode("NovationBridge"), List.of(new Address(token), new Address(operator.getAddress()),
                    new Uint64(60), new Uint64(3_600), Address.DEFAULT));
            final BridgeClient asOperator = new BridgeClient(chain.web3j, operator, LocalChain.CHAIN_ID, bridgeAddress);
            final TokenClient tokens = new TokenClient(chain.web3j, token);
            for (final Credentials user : List.of(alice, bob))
            {
                tokens.send(user, "mint", new Address(user.getAddress()), new Uint256(20_000 * USDC)).require();
                tokens.send(user, "approve", new Address(bridgeAddress), new Uint256(20_000 * USDC)).require();
            }
            final EngineFixture fx = new EngineFixture();
            final ChainWatcher watcher = new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(command.withTime(fx.tick())));

            asOperator.as(alice, LocalChain.CHAIN_ID).deposit(alice.getAddress(), 0, 0, 1_000 * USDC).require();
            assertThat(watcher.poll(0)).isEqualTo(1);

            chain.restart();

            assertThat(watcher.poll(0)).as("nothing new after the restart").isZero();
            asOperator.as(bob, LocalChain.CHAIN_ID).deposit(bob.getAddress(), 0, 0, 2_000 * USDC).require();
            assertThat(watcher.poll(0)).as("the deposit made after the restart").isEqualTo(1);
            assertThat(new ChainWatcher(asOperator, 0, () -> fx.engine.state().lastDepositId(),
                () -> fx.engine.state().lastForcedRequestId(), command -> fx.apply(command)).poll(0))
                .as("a watcher started afresh").isZero();
            assertThat(fx.usdcBalance("alice", 0)).isEqualTo(1_000 * USDC);
            assertThat(fx.usdcBalance("bob", 0)).isEqualTo(2_000 * USDC);
            assertThat(fx.engine.state().lastDepositId()).isEqualTo(2);
        }
    }
}
