package dev.ithaca.tck;

import dev.ithaca.spi.Backend;
import dev.ithaca.spi.BackendUnavailableException;
import dev.ithaca.spi.Backends;
import dev.ithaca.tensor.DType;
import dev.ithaca.tensor.Device;
import dev.ithaca.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static dev.ithaca.tck.Approx.assertTensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** to(Backend), to(Device) and to(DType): moves copy, no-op moves share, values survive every trip. */
public abstract class DeviceTransferConformance extends BackendConformanceTest {

    @Test
    void movingToItsOwnBackendOrDeviceSharesStorage() {
        Tensor x = Tensor.of(new float[] {1, 2, 3});
        Tensor sameBackend = x.to(backend());
        Tensor sameDevice = x.to(backend().device());
        assertThat(sameBackend.strided().storage()).isSameAs(x.strided().storage());
        assertThat(sameDevice.strided().storage()).isSameAs(x.strided().storage());
        assertThat(sameDevice.device()).isEqualTo(backend().device());
    }

    @Test
    void toDTypeConvertsAndKeepsTheDevice() {
        Tensor x = Tensor.of(new float[] {1.5f, -2.5f, 0}, 3);
        Tensor y = x.to(DType.INT64);
        assertThat(y.dtype()).isEqualTo(DType.INT64);
        assertThat(y.device()).isEqualTo(backend().device());
        assertThat(y.toLongArray()).containsExactly(1, -2, 0);
        assertTensor(y.to(DType.FLOAT64), new long[] {3}, 1, -2, 0);
    }

    /**
     * A backend to move tensors to and back from: by default another available backend on the
     * classpath. A module whose tests see only its own backend may return a second instance of it,
     * so the copy path still runs; null skips the cross-backend tests.
     */
    protected Backend otherBackend() {
        return Backends.describe().stream()
                .filter(d -> !d.name().equals(backendName()) && d.availability().available())
                .map(d -> Backends.get(d.name()))
                .findFirst().orElse(null);
    }

    private Backend requireOtherBackend() {
        Backend other = otherBackend();
        Assumptions.assumeTrue(other != null, "no second backend is available here to transfer to");
        assertThat(other).as("otherBackend() must differ from the backend under test").isNotSameAs(backend());
        return other;
    }

    @Test
    void roundTripsThroughAnotherBackendCopyAndPreserveValues() {
        Backend other = requireOtherBackend();
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).t();
        Tensor there = x.to(other);
        assertThat(there.backend()).isSameAs(other);
        assertThat(there.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(there.strided().storage()).isNotSameAs(x.strided().storage());
        Tensor back = there.to(backend());
        assertThat(back.backend()).isSameAs(backend());
        assertTensor(back, new long[] {3, 2}, 1, 4, 2, 5, 3, 6);
        Tensor ints = Tensor.of(new long[] {Long.MIN_VALUE, 1L << 60}).to(other).to(backend());
        assertThat(ints.toLongArray()).containsExactly(Long.MIN_VALUE, 1L << 60);
    }

    @Test
    void movingToAnUnknownDeviceSaysWhatIsMissing() {
        Tensor x = Tensor.ones(2);
        assertThatThrownBy(() -> x.to(new Device("tpu", 0)))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContainingAll("tpu", "not on the classpath");
    }

    @Test
    void movingToADeviceIndexTheBackendDoesNotServeIsRefused() {
        Tensor x = Tensor.ones(2);
        Device missing = new Device(backend().device().type(), backend().device().index() + 1);
        assertThatThrownBy(() -> x.to(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serves only " + backend().device());
    }

    @Test
    void opsOnTensorsFromDifferentBackendsAreRejected() {
        Tensor here = Tensor.ones(2);
        Tensor there = here.to(requireOtherBackend());
        assertThatThrownBy(() -> here.add(there)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("add", "different devices");
        assertThatThrownBy(() -> here.matmul(there)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matmul");
    }
}
