package io.novation.node.batch;

import io.novation.node.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sealed batches of a node, one JSON file per batch ({@code DIR/batches/batch-<number, 20 digits>.json}, written
 * to a temporary file and renamed), all kept in memory for the API. Thread-safe.
 */
public final class BatchStore
{
    private final Path directory;
    private final List<SealedBatch> batches = new ArrayList<>();

    /**
     * Opens (and creates) a store and loads its batches in number order, up to the first gap.
     *
     * @param directory where the files live.
     */
    public BatchStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
            final List<Path> files;
            try (Stream<Path> list = Files.list(directory))
            {
                files = list.filter(p -> p.getFileName().toString().matches("batch-\\d{20}\\.json")).sorted()
                    .toList();
            }
            for (final Path file : files)
            {
                final SealedBatch batch = SealedBatch.fromJson(Json.MAPPER.readTree(file.toFile()));
                if (batch.header().batchNumber() != batches.size() + 1)
                {
                    break;
                }
                batches.add(batch);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the batches in " + directory, ex);
        }
    }

    /**
     * Records a sealed batch: the next number, or one already stored (ignored).
     *
     * @param batch the batch.
     */
    public synchronized void add(final SealedBatch batch)
    {
        final long number = batch.header().batchNumber();
        if (number <= batches.size())
        {
            return;
        }
        if (number != batches.size() + 1)
        {
            throw new IllegalStateException("batch " + number + " after " + batches.size());
        }
        try
        {
            final Path file = directory.resolve(String.format("batch-%020d.json", number));
            final Path temporary = directory.resolve(file.getFileName() + ".tmp");
            Files.write(temporary, Json.MAPPER.writeValueAsBytes(batch.toJson()));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write batch " + number, ex);
        }
        batches.add(batch);
    }

    /**
     * Number of batches stored.
     *
     * @return the last batch number.
     */
    public synchronized long count()
    {
        return batches.size();
    }

    /**
     * One batch.
     *
     * @param number from 1.
     * @return the batch, or null.
     */
    public synchronized SealedBatch get(final long number)
    {
        return number >= 1 && number <= batches.size() ? batches.get((int)(number - 1)) : null;
    }

    /**
     * The batch that queued a withdrawal.
     *
     * @param withdrawalId the id.
     * @return the batch, or null when no sealed batch holds it.
     */
    public synchronized SealedBatch findWithdrawal(final long withdrawalId)
    {
        for (int i = batches.size() - 1; i >= 0; i--)
        {
            final SealedBatch batch = batches.get(i);
            if (batch.indexOf(withdrawalId) >= 0)
            {
                return batch;
            }
        }
        return null;
    }
}
