package io.novation.core.commitment;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SparseMerkleTreeFuelVectorsTest
{
    private static final List<String> VECTOR_FILES = List.of(
        "Test_Delete_Non-existent_Key.yaml",
        "Test_Delete_Sparse_Union.yaml",
        "Test_Empty_Root.yaml",
        "Test_Interleaved_Update_Delete.yaml",
        "Test_Update_1.yaml",
        "Test_Update_10.yaml",
        "Test_Update_100.yaml",
        "Test_Update_10_Delete_5.yaml",
        "Test_Update_1_Delete_1.yaml",
        "Test_Update_2.yaml",
        "Test_Update_2_Delete_1.yaml",
        "Test_Update_3.yaml",
        "Test_Update_5.yaml",
        "Test_Update_Overwrite_Key.yaml",
        "Test_Update_Sparse_Union.yaml",
        "Test_Update_Union.yaml",
        "Test_Update_With_Empty_Data.yaml",
        "Test_Update_With_Empty_Data_Performs_Delete.yaml",
        "Test_Update_With_Repeated_Inputs.yaml");

    @Test
    void shouldCoverEveryCopiedFuelVectorFile() throws IOException, URISyntaxException
    {
        final Path directory = Path.of(
            SparseMerkleTreeFuelVectorsTest.class.getResource(FuelVectorFile.RESOURCE_DIRECTORY).toURI());
        try (Stream<Path> files = Files.list(directory))
        {
            final List<String> yamlFiles = files
                .map(file -> file.getFileName().toString())
                .filter(name -> name.endsWith(".yaml"))
                .sorted()
                .toList();
            assertThat(yamlFiles).containsExactlyInAnyOrderElementsOf(VECTOR_FILES).hasSize(19);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Test_Delete_Non-existent_Key.yaml",
        "Test_Delete_Sparse_Union.yaml",
        "Test_Empty_Root.yaml",
        "Test_Interleaved_Update_Delete.yaml",
        "Test_Update_1.yaml",
        "Test_Update_10.yaml",
        "Test_Update_100.yaml",
        "Test_Update_10_Delete_5.yaml",
        "Test_Update_1_Delete_1.yaml",
        "Test_Update_2.yaml",
        "Test_Update_2_Delete_1.yaml",
        "Test_Update_3.yaml",
        "Test_Update_5.yaml",
        "Test_Update_Overwrite_Key.yaml",
        "Test_Update_Sparse_Union.yaml",
        "Test_Update_Union.yaml",
        "Test_Update_With_Empty_Data.yaml",
        "Test_Update_With_Empty_Data_Performs_Delete.yaml",
        "Test_Update_With_Repeated_Inputs.yaml" })
    void shouldReproduceFuelExpectedRoot(final String fileName)
    {
        final FuelVectorFile vector = FuelVectorFile.load(fileName);
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());

        replay(vector, tree);

        assertThat(tree.root()).as(vector.name()).isEqualTo(vector.expectedRoot());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Test_Delete_Sparse_Union.yaml",
        "Test_Interleaved_Update_Delete.yaml",
        "Test_Update_100.yaml",
        "Test_Update_10_Delete_5.yaml",
        "Test_Update_Overwrite_Key.yaml",
        "Test_Update_With_Empty_Data_Performs_Delete.yaml" })
    void shouldProveEveryTouchedKeyAgainstTheFuelRoot(final String fileName)
    {
        final FuelVectorFile vector = FuelVectorFile.load(fileName);
        final SparseMerkleTree tree = new SparseMerkleTree(new Sha256Hasher());
        final Hasher hasher = new Sha256Hasher();
        final Map<byte[], byte[]> latest = new TreeMap<>(Arrays::compareUnsigned);
        for (final FuelVectorFile.Step step : vector.steps())
        {
            final boolean present = step.isUpdate() && step.data().length > 0;
            latest.put(step.key(), present ? step.data() : new byte[0]);
        }

        replay(vector, tree);

        final byte[] expectedRoot = vector.expectedRoot();
        for (final Map.Entry<byte[], byte[]> entry : latest.entrySet())
        {
            final SparseMerkleProof proof = tree.proof(entry.getKey());
            if (entry.getValue().length > 0)
            {
                assertThat(SparseMerkleTree.verifyInclusion(
                    hasher, expectedRoot, entry.getKey(), entry.getValue(), proof)).isTrue();
                assertThat(SparseMerkleTree.verifyExclusion(hasher, expectedRoot, entry.getKey(), proof)).isFalse();
            }
            else
            {
                assertThat(SparseMerkleTree.verifyExclusion(hasher, expectedRoot, entry.getKey(), proof)).isTrue();
            }
        }
    }

    private static void replay(final FuelVectorFile vector, final SparseMerkleTree tree)
    {
        for (final FuelVectorFile.Step step : vector.steps())
        {
            if (step.isUpdate())
            {
                tree.update(step.key(), step.data());
            }
            else
            {
                tree.delete(step.key());
            }
        }
    }
}
