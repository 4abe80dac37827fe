package io.novation.core.pricing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.novation.core.pricing.OptionType.CALL;
import static io.novation.core.pricing.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas must compute the same bits (docs/protocol.md §9, same input, same root). {@code Math.exp/log/pow} may
 * use platform intrinsics that differ from {@code StrictMath}'s fdlibm results in the last bit, and change with JVM
 * flags; so the compiled pricing classes are read, and no method of {@code java.lang.Math} whose result is not fully
 * specified by IEEE 754 may be called from them. The results of a few calls are then pinned bit for bit.
 */
class StrictMathDeterminismTest
{
    /**
     * Methods of {@code java.lang.Math} that are allowed to differ from {@code StrictMath} (their Javadoc allows an
     * error of one ulp or more and no semi-monotonicity guarantee across platforms).
     */
    private static final Set<String> PLATFORM_DEPENDENT = Set.of(
        "exp", "expm1", "log", "log10", "log1p", "pow", "cbrt", "hypot",
        "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh");

    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_INTEGER = 3;
    private static final int CONSTANT_FLOAT = 4;
    private static final int CONSTANT_LONG = 5;
    private static final int CONSTANT_DOUBLE = 6;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_STRING = 8;
    private static final int CONSTANT_FIELDREF = 9;
    private static final int CONSTANT_METHODREF = 10;
    private static final int CONSTANT_INTERFACE_METHODREF = 11;
    private static final int CONSTANT_NAME_AND_TYPE = 12;
    private static final int CONSTANT_METHOD_HANDLE = 15;
    private static final int CONSTANT_METHOD_TYPE = 16;
    private static final int CONSTANT_DYNAMIC = 17;
    private static final int CONSTANT_INVOKE_DYNAMIC = 18;
    private static final int CONSTANT_MODULE = 19;
    private static final int CONSTANT_PACKAGE = 20;

    @Test
    void shouldCallNoPlatformDependentMathMethodInThePricingPackage() throws Exception
    {
        final List<Path> classFiles = pricingClassFiles();
        assertThat(classFiles).extracting(path -> path.getFileName().toString())
            .contains("NormalDistribution.class", "GeneralizedBlackScholes.class", "ImpliedVolatilitySolver.class");

        final Set<String> forbidden = new TreeSet<>();
        final Set<String> strictMath = new TreeSet<>();
        for (final Path classFile : classFiles)
        {
            for (final String method : referencedMethods(Files.readAllBytes(classFile)))
            {
                final String[] owner = method.split("\\.", 2);
                if ("java/lang/Math".equals(owner[0]) && PLATFORM_DEPENDENT.contains(owner[1]))
                {
                    forbidden.add(classFile.getFileName() + ": " + method);
                }
                if ("java/lang/StrictMath".equals(owner[0]))
                {
                    strictMath.add(owner[1]);
                }
            }
        }

        assertThat(forbidden).as("calls to java.lang.Math that StrictMath must replace").isEmpty();
        assertThat(strictMath).as("the scan sees StrictMath calls").contains("exp", "log", "sqrt");
    }

    @Test
    void shouldReproduceTheSameBitsOnEveryJvm()
    {
        // Pinned on OpenJDK 17 and checked unchanged with -Xint and -XX:-UseLibmIntrinsic; StrictMath (fdlibm) and
        // IEEE 754 arithmetic make them the same everywhere. Φ(−1) and Φ(−20) are the correctly rounded values.
        assertBits(NormalDistribution.cdf(-1.0), 0x3fc44ed0bb7cb20bL);
        assertBits(NormalDistribution.cdf(-20.0), 0x2d8c0bd0f1880783L);
        assertBits(BlackScholesMerton.price(CALL, 42, 40, 0.5, 0.10, 0.10, 0.20), 0x401309a60614eef0L);
        assertBits(BlackScholesMerton.greeks(PUT, 100, 95, 0.5, 0.10, 0.05, 0.20).theta(), 0xc0080114dfe611faL);
        assertBits(Black76.price(CALL, 19, 19, 0.75, 0.10, 0.28), 0x3ffb3780f71ba130L);
        assertBits(BlackScholesMerton.impliedVolatility(CALL, 21, 20, 0.25, 0.10, 0.10, 1.875).volatility(),
            0x3fce0484e80e0586L);
    }

    private static void assertBits(final double value, final long expectedBits)
    {
        assertThat(Long.toHexString(Double.doubleToRawLongBits(value)))
            .as("bits of %s", value)
            .isEqualTo(Long.toHexString(expectedBits));
    }

    private static List<Path> pricingClassFiles() throws URISyntaxException, IOException
    {
        final Path root = Path.of(NormalDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final Path directory = root.resolve("io/novation/core/pricing");
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(path -> path.toString().endsWith(".class")).sorted().toList();
        }
    }

    /**
     * The methods a class file references, as "owner.name", read from its constant pool (JVM specification §4.4).
     */
    private static List<String> referencedMethods(final byte[] classFile) throws IOException
    {
        final DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        assertThat(in.readInt()).isEqualTo(0xCAFEBABE);
        in.readUnsignedShort();
        in.readUnsignedShort();
        final int count = in.readUnsignedShort();
        final String[] utf8 = new String[count];
        final int[] classNameIndex = new int[count];
        final int[] nameAndTypeNameIndex = new int[count];
        final List<int[]> methodRefs = new ArrayList<>();
        for (int index = 1; index < count; index++)
        {
            final int tag = in.readUnsignedByte();
            switch (tag)
            {
                case CONSTANT_UTF8 -> utf8[index] = in.readUTF();
                case CONSTANT_INTEGER, CONSTANT_FLOAT -> in.readInt();
                case CONSTANT_LONG, CONSTANT_DOUBLE ->
                {
                    in.readLong();
                    index++;
                }
                case CONSTANT_CLASS -> classNameIndex[index] = in.readUnsignedShort();
                case CONSTANT_STRING, CONSTANT_METHOD_TYPE, CONSTANT_MODULE, CONSTANT_PACKAGE -> in.readUnsignedShort();
                case CONSTANT_METHODREF, CONSTANT_INTERFACE_METHODREF ->
                    methodRefs.add(new int[]{in.readUnsignedShort(), in.readUnsignedShort()});
                case CONSTANT_FIELDREF, CONSTANT_DYNAMIC, CONSTANT_INVOKE_DYNAMIC -> in.readInt();
                case CONSTANT_NAME_AND_TYPE ->
                {
                    nameAndTypeNameIndex[index] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case CONSTANT_METHOD_HANDLE ->
                {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + index);
            }
        }

        final List<String> methods = new ArrayList<>();
        for (final int[] ref : methodRefs)
        {
            methods.add(utf8[classNameIndex[ref[0]]] + "." + utf8[nameAndTypeNameIndex[ref[1]]]);
        }
        return methods;
    }
}
