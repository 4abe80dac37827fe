package io.novation.core.commitment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One Fuel sparse Merkle tree test vector (a YAML file of update and delete steps and the expected root), read with a
 * strict hand parser for the small YAML subset those files use.
 */
record FuelVectorFile(String name, List<Step> steps, byte[] expectedRoot)
{
    static final String RESOURCE_DIRECTORY = "/vectors/smt/";

    /**
     * One step: {@code update} with key and data, or {@code delete} with a key and no data.
     */
    record Step(String action, byte[] key, byte[] data)
    {
        boolean isUpdate()
        {
            return "update".equals(action);
        }
    }

    static FuelVectorFile load(final String fileName)
    {
        try (InputStream in = FuelVectorFile.class.getResourceAsStream(RESOURCE_DIRECTORY + fileName))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no vector file " + fileName);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static FuelVectorFile parse(final String yaml)
    {
        final Parser parser = new Parser();
        for (final String rawLine : yaml.split("\n", -1))
        {
            parser.accept(rawLine.stripTrailing());
        }
        return parser.finish();
    }

    private static final class Parser
    {
        private String name;
        private byte[] expectedRoot;
        private final List<Step> steps = new ArrayList<>();
        private String section;
        private String field;
        private String encoding;
        private String action;
        private byte[] key;
        private byte[] data;
        private boolean inStep;

        void accept(final String line)
        {
            if (line.isEmpty())
            {
                return;
            }
            if (line.startsWith("- "))
            {
                requireSection("steps", line);
                closeStep();
                inStep = true;
                acceptIndented(2, line.substring(2));
                return;
            }
            final int indent = line.length() - line.stripLeading().length();
            if (0 == indent)
            {
                closeStep();
                acceptTopLevel(line);
            }
            else
            {
                acceptIndented(indent, line.strip());
            }
        }

        private void acceptTopLevel(final String line)
        {
            final String[] pair = split(line);
            switch (pair[0])
            {
                case "name" -> name = pair[1];
                case "expected_root" -> section = "expected_root";
                case "steps" ->
                {
                    if (!pair[1].isEmpty() && !"[]".equals(pair[1]))
                    {
                        throw new IllegalStateException("unexpected steps value: " + line);
                    }
                    section = "steps";
                }
                default -> throw new IllegalStateException("unexpected top-level line: " + line);
            }
        }

        private void acceptIndented(final int indent, final String content)
        {
            final String[] pair = split(content);
            if ("expected_root".equals(section) && 2 == indent)
            {
                acceptEncodedField(pair, content);
                if ("value".equals(pair[0]))
                {
                    expectedRoot = decode(encoding, pair[1]);
                }
                return;
            }
            requireSection("steps", content);
            if (!inStep)
            {
                throw new IllegalStateException("field outside a step: " + content);
            }
            if (2 == indent)
            {
                switch (pair[0])
                {
                    case "action" -> action = pair[1];
                    case "key", "data" ->
                    {
                        field = pair[0];
                        encoding = null;
                    }
                    default -> throw new IllegalStateException("unexpected step field: " + content);
                }
            }
            else if (4 == indent && null != field)
            {
                acceptEncodedField(pair, content);
                if ("value".equals(pair[0]))
                {
                    final byte[] value = decode(encoding, pair[1]);
                    if ("key".equals(field))
                    {
                        key = value;
                    }
                    else
                    {
                        data = value;
                    }
                }
            }
            else
            {
                throw new IllegalStateException("unexpected indentation: " + content);
            }
        }

        private void acceptEncodedField(final String[] pair, final String content)
        {
            switch (pair[0])
            {
                case "encoding" -> encoding = pair[1];
                case "value" ->
                {
                    if (null == encoding)
                    {
                        throw new IllegalStateException("value before encoding: " + content);
                    }
                }
                default -> throw new IllegalStateException("unexpected encoded field: " + content);
            }
        }

        private void closeStep()
        {
            if (!inStep)
            {
                return;
            }
            if (null == action || null == key)
            {
                throw new IllegalStateException("incomplete step in " + name);
            }
            if ("update".equals(action) && null == data)
            {
                throw new IllegalStateException("update without data in " + name);
            }
            if (!"update".equals(action) && !"delete".equals(action))
            {
                throw new IllegalStateException("unknown action " + action);
            }
            steps.add(new Step(action, key, data));
            inStep = false;
            action = null;
            key = null;
            data = null;
            field = null;
            encoding = null;
        }

        private void requireSection(final String expected, final String line)
        {
            if (!expected.equals(section))
            {
                throw new IllegalStateException("line outside " + expected + ": " + line);
            }
        }

        FuelVectorFile finish()
        {
            closeStep();
            if (null == name || null == expectedRoot)
            {
                throw new IllegalStateException("missing name or expected_root");
            }
            return new FuelVectorFile(name, List.copyOf(steps), expectedRoot);
        }

        private static String[] split(final String content)
        {
            final int colon = content.indexOf(':');
            if (colon < 0)
            {
                throw new IllegalStateException("not a key: value line: " + content);
            }
            return new String[]{ content.substring(0, colon).strip(), unquote(content.substring(colon + 1).strip()) };
        }

        private static String unquote(final String value)
        {
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
            {
                return value.substring(1, value.length() - 1);
            }
            return value;
        }

        private static byte[] decode(final String encoding, final String value)
        {
            return switch (encoding)
            {
                case "hex" -> HexFormat.of().parseHex(value);
                case "utf-8" -> value.getBytes(StandardCharsets.UTF_8);
                default -> throw new IllegalStateException("unknown encoding " + encoding);
            };
        }
    }
}
