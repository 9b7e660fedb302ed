package dev.ithaca.backend.cuda;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kernelParams array cuLaunchKernel reads: entry i points at host memory holding argument i. */
class KernelArgsTest {

    private static BytePointer at(long address) {
        return new BytePointer(DevicePointers.at(address)).capacity(1 << 12);
    }

    @Test
    void everyEntryPointsAtItsValue() {
        long[] struct = {3, -4, 5};
        KernelArgs args = KernelArgs.begin().pointer(0x7f00_0000_1000L).i32(-7).i64(1L << 40).f64(0.1).words(struct).i32(9);
        assertThat(args.count()).isEqualTo(6);
        assertThat(at(args.valueAddress(0)).getLong(0)).isEqualTo(0x7f00_0000_1000L);
        assertThat(at(args.valueAddress(1)).getInt(0)).isEqualTo(-7);
        assertThat(at(args.valueAddress(2)).getLong(0)).isEqualTo(1L << 40);
        assertThat(at(args.valueAddress(3)).getDouble(0)).isEqualTo(0.1);
        BytePointer words = at(args.valueAddress(4));
        assertThat(new long[] {words.getLong(0), words.getLong(8), words.getLong(16)}).containsExactly(struct);
        assertThat(at(args.valueAddress(5)).getInt(0)).isEqualTo(9);
        for (int i = 0; i < args.count(); i++) {
            assertThat(args.valueAddress(i) % 8).as("argument %d is 8-byte aligned", i).isZero();
        }
    }

    @Test
    void theParamsArrayIsTheSlotsItself() {
        KernelArgs args = KernelArgs.begin().i32(1).i32(2);
        Pointer params = args.params();
        BytePointer slots = at(params.address());
        assertThat(slots.getLong(0)).isEqualTo(args.valueAddress(0));
        assertThat(slots.getLong(8)).isEqualTo(args.valueAddress(1));
        assertThat(args.valueAddress(1) - args.valueAddress(0)).as("an int still takes an 8-byte slot").isEqualTo(8);
    }

    @Test
    void beginStartsOverOnTheSameArena() {
        long first = KernelArgs.begin().i64(1).valueAddress(0);
        KernelArgs again = KernelArgs.begin().i64(2);
        assertThat(again.count()).isEqualTo(1);
        assertThat(again.valueAddress(0)).isEqualTo(first);
        assertThat(at(first).getLong(0)).isEqualTo(2);
        assertThatThrownBy(() -> again.valueAddress(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void eachThreadHasItsOwnArena() throws InterruptedException {
        long mine = KernelArgs.begin().i64(1).valueAddress(0);
        long[] theirs = new long[1];
        Thread thread = new Thread(() -> theirs[0] = KernelArgs.begin().i64(1).valueAddress(0));
        thread.start();
        thread.join();
        assertThat(theirs[0]).isNotEqualTo(mine);
    }

    @Test
    void limitsAreEnforcedWithClearMessages() {
        KernelArgs args = KernelArgs.begin();
        for (int i = 0; i < KernelArgs.MAX_ARGUMENTS; i++) {
            args.i32(i);
        }
        assertThatThrownBy(() -> args.i32(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 32 arguments");
        assertThatThrownBy(() -> KernelArgs.begin().words(new long[KernelArgs.ARENA_BYTES / 8])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exceed");
        assertThat(Geometry.WORDS * 8 * 3).as("three geometries fit").isLessThan(KernelArgs.ARENA_BYTES);
    }
}
