package dev.ithaca.backend.cuda;

import dev.ithaca.tensor.DType;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java arrays to and from native memory (what the pinned staging buffers hold), and the chunking of large transfers. */
class HostArraysTest {
    private final Pointer buffer = Pointer.malloc(1024);

    @AfterEach
    void free() {
        Pointer.free(buffer);
    }

    @Test
    void everyArrayTypeRoundTripsThroughNativeMemoryBitExactly() {
        long address = buffer.address();
        float[] floats = {1.5f, Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE};
        HostArrays.copyIn(floats, 1, 3, address);
        float[] floatsBack = new float[5];
        HostArrays.copyOut(address, floatsBack, 2, 3);
        assertThat(Float.floatToRawIntBits(floatsBack[2])).isEqualTo(Float.floatToRawIntBits(Float.NaN));
        assertThat(Float.floatToRawIntBits(floatsBack[3])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(floatsBack[4]).isEqualTo(Float.MIN_VALUE);

        double[] doubles = {Math.PI, -1e300};
        double[] doublesBack = new double[2];
        HostArrays.copyIn(doubles, 0, 2, address);
        HostArrays.copyOut(address, doublesBack, 0, 2);
        assertThat(doublesBack).containsExactly(doubles);

        long[] longs = {Long.MIN_VALUE, (1L << 53) + 1};
        long[] longsBack = new long[2];
        HostArrays.copyIn(longs, 0, 2, address);
        HostArrays.copyOut(address, longsBack, 0, 2);
        assertThat(longsBack).containsExactly(longs);

        int[] ints = {Integer.MIN_VALUE, 7};
        int[] intsBack = new int[2];
        HostArrays.copyIn(ints, 0, 2, address);
        HostArrays.copyOut(address, intsBack, 0, 2);
        assertThat(intsBack).containsExactly(ints);

        boolean[] bools = {true, false, true};
        HostArrays.copyIn(bools, 0, 3, address);
        assertThat(new byte[] {DevicePointers.bytes(address).get(0), DevicePointers.bytes(address).get(1)})
                .as("BOOL is one byte 0/1, the kernels' u8").containsExactly(1, 0);
        boolean[] boolsBack = new boolean[3];
        HostArrays.copyOut(address, boolsBack, 0, 3);
        assertThat(boolsBack).containsExactly(bools);
    }

    @Test
    void arraysMustMatchTheDTypeAndHoldEveryElement() {
        assertThatThrownBy(() -> HostArrays.check("copyFromHost", new int[4], DType.FLOAT32, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("copyFromHost", "FLOAT32", "float[]", "int[]");
        assertThatThrownBy(() -> HostArrays.check("copyToHost", new long[2], DType.INT64, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("copyToHost", "2 elements", "3");
        assertThatThrownBy(() -> HostArrays.check("copyToHost", null, DType.BOOL, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("null");
        HostArrays.check("copyToHost", new boolean[3], DType.BOOL, 3);
    }

    @Test
    void largeTransfersMoveInStagingBufferSizedChunks() {
        assertThat(HostTransfers.chunks(0, 4, 1024)).isEmpty();
        assertThat(HostTransfers.chunks(10, 4, 1024)).containsExactly(new HostTransfers.Chunk(0, 10));
        List<HostTransfers.Chunk> chunks = HostTransfers.chunks(600, 8, 1024);
        assertThat(chunks).containsExactly(new HostTransfers.Chunk(0, 128), new HostTransfers.Chunk(128, 128),
                new HostTransfers.Chunk(256, 128), new HostTransfers.Chunk(384, 128), new HostTransfers.Chunk(512, 88));
        long elements = (3L * HostTransfers.CHUNK_BYTES) / 4 + 5;
        List<HostTransfers.Chunk> big = HostTransfers.chunks(elements, 4, HostTransfers.CHUNK_BYTES);
        assertThat(big).hasSize(4);
        assertThat(big.stream().mapToLong(HostTransfers.Chunk::count).sum()).isEqualTo(elements);
        assertThat(big.get(3).first()).isEqualTo(3 * HostTransfers.CHUNK_BYTES / 4);
    }
}
