package io.novation.core.codec;

import io.novation.core.account.Address;
import io.novation.core.crypto.EcdsaSignature;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Addresses and signatures read in place (an address from the reader's buffer, a signature's scalars through the
 * reader's scratch) are the values written, each independent of the ones read after it and of the buffer, and a
 * truncated value is refused as before.
 */
class BinaryReaderPropertiesTest
{
    @Property(tries = 300)
    void shouldReadBackEveryAddressAndSignatureWrittenInTurn(
        @ForAll @Size(min = 1, max = 6) final List<@Size(value = 85) byte[]> values,
        @ForAll @IntRange(min = 0, max = 7) final int padding)
    {
        final BinaryWriter out = new BinaryWriter(16);
        for (int i = 0; i < padding; i++)
        {
            out.putByte(i);
        }
        final List<Address> addresses = new ArrayList<>();
        final List<EcdsaSignature> signatures = new ArrayList<>();
        for (final byte[] value : values)
        {
            final Address address = Address.of(Arrays.copyOfRange(value, 0, 20));
            final EcdsaSignature signature = EcdsaSignature.of(Arrays.copyOfRange(value, 20, 52),
                Arrays.copyOfRange(value, 52, 84), value[84] & 0xFF);
            addresses.add(address);
            signatures.add(signature);
            out.putAddress(address).putSignature(signature).putAddress(null).putSignature(null);
        }
        final byte[] bytes = out.toBytes();
        final BinaryReader in = new BinaryReader(bytes);
        in.position(padding);
        final List<Address> readAddresses = new ArrayList<>();
        final List<EcdsaSignature> readSignatures = new ArrayList<>();
        for (int i = 0; i < values.size(); i++)
        {
            readAddresses.add(in.getAddress());
            readSignatures.add(in.getSignature());
            assertThat(in.getAddress()).isNull();
            assertThat(in.getSignature()).isNull();
        }
        assertThat(in.remaining()).isZero();
        Arrays.fill(bytes, (byte)0x5A);
        assertThat(readAddresses).isEqualTo(addresses);
        assertThat(readSignatures).isEqualTo(signatures);
    }

    @Property(tries = 100)
    void shouldRefuseATruncatedAddressOrSignature(@ForAll @Size(value = 66) final byte[] value,
        @ForAll @IntRange(min = 1, max = 65) final int kept)
    {
        final byte[] signature = value.clone();
        signature[0] = 1;
        assertThatThrownBy(() -> new BinaryReader(Arrays.copyOf(signature, kept)).getSignature())
            .isInstanceOf(CodecException.class);
        if (kept <= 20)
        {
            assertThatThrownBy(() -> new BinaryReader(Arrays.copyOf(signature, kept)).getAddress())
                .isInstanceOf(CodecException.class);
        }
    }
}
