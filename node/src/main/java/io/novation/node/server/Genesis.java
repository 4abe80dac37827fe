package io.novation.node.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.novation.core.account.Address;
import io.novation.core.crypto.Hex;
import io.novation.core.crypto.Secp256k1;
import io.novation.core.engine.EngineConfig;
import io.novation.core.engine.SignatureMode;
import io.novation.node.json.Json;
import io.novation.node.sequencer.Authority;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * What a node's chain is fixed to at genesis, stored as {@code genesis.json} in the data directory: the EIP-712
 * chain id and verifying contract, and the addresses of the governance and bridge keys. At the first start without
 * given keys the node generates development keys and stores them in {@code dev-keys.json} (owner-only permissions).
 *
 * @param chainId           EIP-712 chain id.
 * @param verifyingContract EIP-712 verifying contract.
 * @param authority         the governance and bridge key addresses.
 */
public record Genesis(long chainId, Address verifyingContract, Authority authority)
{
    /** The genesis file's name. */
    public static final String FILE = "genesis.json";
    /** The development keys file's name. */
    public static final String DEV_KEYS = "dev-keys.json";

    /**
     * The engine configuration of this genesis, trusting signatures that the node verified before sequencing.
     *
     * @return the configuration.
     */
    public EngineConfig engineConfig()
    {
        return new EngineConfig(chainId, verifyingContract, SignatureMode.TRUSTED);
    }

    /**
     * Loads the genesis of a data directory, or creates it from the configuration (generating development keys for
     * the roles not given).
     *
     * @param config the node configuration.
     * @param out    where to announce generated keys.
     * @return the genesis.
     * @throws IOException when the files cannot be read or written.
     */
    public static Genesis loadOrCreate(final NodeConfig config, final PrintStream out) throws IOException
    {
        final Path dir = config.dataDir();
        Files.createDirectories(dir);
        final Path file = dir.resolve(FILE);
        if (Files.exists(file))
        {
            final JsonNode node = Json.MAPPER.readTree(Files.readString(file));
            final Genesis genesis = new Genesis(node.get("chainId").asLong(),
                Address.parse(node.get("verifyingContract").asText()),
                new Authority(Address.parse(node.get("governance").asText()),
                    Address.parse(node.get("bridge").asText())));
            check("governance", config.governance(), genesis.authority().governance());
            check("bridge", config.bridge(), genesis.authority().bridge());
            return genesis;
        }
        Address governance = config.governance();
        Address bridge = config.bridge();
        if (governance == null || bridge == null)
        {
            final ObjectNode keys = Json.MAPPER.createObjectNode();
            if (governance == null)
            {
                final byte[] key = newKey();
                governance = Address.of(Secp256k1.addressOf(key));
                keys.put("governance", governance.toString());
                keys.put("governancePrivateKey", Hex.encode(key));
            }
            if (bridge == null)
            {
                final byte[] key = newKey();
                bridge = Address.of(Secp256k1.addressOf(key));
                keys.put("bridge", bridge.toString());
                keys.put("bridgePrivateKey", Hex.encode(key));
            }
            final Path keyFile = dir.resolve(DEV_KEYS);
            Files.writeString(keyFile, Json.MAPPER.writeValueAsString(keys));
            try
            {
                Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            }
            catch (final UnsupportedOperationException ex)
            {
                // Not a POSIX file system.
            }
            out.println("novation node: generated development keys (governance " + governance + ", bridge " + bridge +
                ") in " + keyFile + "; do not use them beyond development");
        }
        final Genesis genesis = new Genesis(config.chainId(), config.verifyingContract(),
            new Authority(governance, bridge));
        final ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("chainId", genesis.chainId());
        node.put("verifyingContract", genesis.verifyingContract().toString());
        node.put("governance", governance.toString());
        node.put("bridge", bridge.toString());
        final Path temporary = dir.resolve(FILE + ".tmp");
        Files.writeString(temporary, Json.MAPPER.writeValueAsString(node));
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return genesis;
    }

    private static void check(final String role, final Address given, final Address stored)
    {
        if (given != null && !given.equals(stored))
        {
            throw new IllegalArgumentException("the " + role + " key " + given + " differs from the genesis key " +
                stored + " of this data directory");
        }
    }

    private static byte[] newKey()
    {
        final SecureRandom random = new SecureRandom();
        while (true)
        {
            final byte[] key = new byte[32];
            random.nextBytes(key);
            try
            {
                Secp256k1.addressOf(key);
                return key;
            }
            catch (final IllegalArgumentException ex)
            {
                // Zero or not below the group order: draw again.
            }
        }
    }
}
