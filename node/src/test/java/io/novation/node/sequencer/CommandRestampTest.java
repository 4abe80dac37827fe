package io.novation.node.sequencer;

import io.novation.core.account.Address;
import io.novation.core.command.Command;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sequencer restamps every command with its time: each kind of command the engine knows, built with arbitrary
 * field values, comes back with the new time and every other field unchanged. (A kind the sequencer could not
 * restamp would stop its thread: liquidations and funding commands once did.)
 */
class CommandRestampTest
{
    @Test
    void shouldRestampEveryKindOfCommandWithTheSequencerTime() throws Exception
    {
        assertThat(Command.class.getPermittedSubclasses()).isNotEmpty();
        for (final Class<?> kind : Command.class.getPermittedSubclasses())
        {
            final RecordComponent[] components = kind.getRecordComponents();
            assertThat(components).as(kind.getSimpleName()).isNotNull();
            assertThat(components[0].getName()).as(kind.getSimpleName()).isEqualTo("time");
            final Class<?>[] types = new Class<?>[components.length];
            final Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++)
            {
                types[i] = components[i].getType();
                values[i] = sample(types[i], i);
            }
            final Constructor<?> constructor = kind.getDeclaredConstructor(types);
            final Command command = (Command)constructor.newInstance(values);

            final Command restamped = command.withTime(1_760_000_000_000L);

            assertThat(restamped).as(kind.getSimpleName()).isInstanceOf(kind);
            assertThat(restamped.time()).isEqualTo(1_760_000_000_000L);
            for (int i = 1; i < components.length; i++)
            {
                assertThat(components[i].getAccessor().invoke(restamped)).as(kind.getSimpleName() + "." +
                    components[i].getName()).isEqualTo(components[i].getAccessor().invoke(command));
            }
        }
    }

    @Test
    void shouldKeepAVolatilitySurfaceSignedWhenRestamped()
    {
        final byte[] domain = new byte[32];
        final byte[] key = io.novation.core.crypto.Keccak256.hash(new byte[] {1});
        final Address publisher = Address.of(io.novation.core.crypto.Secp256k1.addressOf(key));
        final io.novation.core.command.OracleVolSurface unsigned = new io.novation.core.command.OracleVolSurface(5,
            0, 4, List.of(new io.novation.core.command.OracleVolSurface.Slice(9, 1, 2, -3, 4, 5)), publisher, null);
        final io.novation.core.command.OracleVolSurface signed = unsigned.withSignature(
            io.novation.core.crypto.Secp256k1.sign(unsigned.digest(domain), key));

        final io.novation.core.command.OracleVolSurface restamped =
            (io.novation.core.command.OracleVolSurface)signed.withTime(1_760_000_000_000L);

        assertThat(restamped.publishedAt()).isEqualTo(4);
        assertThat(publisher.matches(io.novation.core.crypto.Secp256k1.recoverAddress(restamped.digest(domain),
            restamped.signature()))).isTrue();
    }

    private static Object sample(final Class<?> type, final int index)
    {
        if (type == long.class)
        {
            return 1_000L + index;
        }
        if (type == int.class)
        {
            return index;
        }
        if (type == boolean.class)
        {
            return true;
        }
        if (type == String.class)
        {
            return "X" + index;
        }
        if (type == Address.class)
        {
            final byte[] bytes = new byte[Address.LENGTH];
            bytes[0] = (byte)index;
            return Address.of(bytes);
        }
        if (type == List.class)
        {
            return List.of();
        }
        return null;
    }
}
