package io.novation.node.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the journal puts bytes it stops reading: the directory {@value #DIRECTORY} of the journal's directory. Bytes
 * are copied into a new file (never an existing one) and forced before the segment is cut, so nothing is lost by a
 * cut; a whole segment is moved there. Offsets and lengths in bytes.
 */
final class Quarantine
{
    /** The quarantine's directory name inside the journal's directory. */
    static final String DIRECTORY = "quarantine";

    private Quarantine()
    {
    }

    /**
     * Moves the bytes of a segment from an offset to its end into the quarantine and cuts the segment there; from an
     * offset inside the segment header, moves the whole segment.
     *
     * @param directory the journal's directory.
     * @param segment   the segment.
     * @param at        the offset of the first byte moved.
     * @return what was done, naming the file, the offset, the bytes and the quarantine file.
     * @throws IOException when a file cannot be written.
     */
    static String cut(final Path directory, final Path segment, final long at) throws IOException
    {
        final Path quarantine = directory.resolve(DIRECTORY);
        Files.createDirectories(quarantine);
        if (at < JournalFormat.SEGMENT_HEADER_LENGTH)
        {
            return moveWhole(directory, segment, "its header is damaged or torn");
        }
        final Path target = fresh(quarantine, segment.getFileName() + ".from-" + at);
        try (FileChannel in = FileChannel.open(segment, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final long size = in.size();
            long position = at;
            while (position < size)
            {
                position += in.transferTo(position, size - position, out);
            }
            out.force(true);
            in.truncate(at);
            in.force(true);
            return "cut " + (size - at) + " bytes of " + segment.getFileName() + " from offset " + at + ", kept in " +
                DIRECTORY + "/" + target.getFileName();
        }
    }

    /**
     * Moves a whole segment into the quarantine.
     *
     * @param directory the journal's directory.
     * @param segment   the segment.
     * @param why       why, for the sentence returned.
     * @return what was done.
     * @throws IOException when the file cannot be moved.
     */
    static String moveWhole(final Path directory, final Path segment, final String why) throws IOException
    {
        final Path quarantine = directory.resolve(DIRECTORY);
        Files.createDirectories(quarantine);
        final long size = Files.size(segment);
        final Path target = fresh(quarantine, segment.getFileName().toString());
        Files.move(segment, target);
        return "moved " + segment.getFileName() + " (" + size + " bytes; " + why + ") to " + DIRECTORY + "/" +
            target.getFileName();
    }

    private static Path fresh(final Path quarantine, final String name)
    {
        Path target = quarantine.resolve(name);
        for (int i = 1; Files.exists(target); i++)
        {
            target = quarantine.resolve(name + "." + i);
        }
        return target;
    }
}
