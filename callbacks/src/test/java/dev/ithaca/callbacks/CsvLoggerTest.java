package dev.ithaca.callbacks;

import dev.ithaca.nn.Linear;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CsvLoggerTest {
    @TempDir
    Path dir;

    private final Linear model = new Linear(2, 2);

    @AfterEach
    void free() {
        model.close();
    }

    @Test
    void oneRowPerEpochWithAHeaderFromTheMetricKeys() throws IOException {
        Path csv = dir.resolve("out/metrics.csv");
        TestState state = new TestState(model, new CsvLogger(csv));
        state.runEpoch(2, 0.5, 0.25);
        state.runEpoch(2, 0.375, 0.125);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch,step,loss,val_loss", "0,2,0.5,0.25", "1,4,0.375,0.125");
    }

    @Test
    void aMetricThatAppearsLaterWidensTheHeaderAndPadsEarlierRows() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        TestState state = new TestState(model, new CsvLogger(csv));
        state.runEpoch(1, 0.5, null);
        state.runEpoch(1, 0.25, 0.75);
        state.metrics.put("acc", Double.NaN);
        state.runEpoch(1, 0.125, 0.5);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch,step,loss,val_loss,acc", "0,1,0.5,,", "1,2,0.25,0.75,",
                "2,3,0.125,0.5,NaN");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void resumedRunAppendsUnderTheExistingHeader() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        TestState state = new TestState(model, new CsvLogger(csv));
        state.runEpoch(1, 0.5, 0.25);
        state.callbacks.set(0, new CsvLogger(csv));
        state.runEpoch(1, 0.25, 0.125);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch,step,loss,val_loss", "0,1,0.5,0.25", "1,2,0.25,0.125");
    }

    @Test
    void resumingFromACheckpointDropsRowsTheCrashedRunWroteAfterIt() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        CsvLogger logger = new CsvLogger(csv);
        TestState state = new TestState(model, logger);
        state.runEpoch(1, 0.5, 0.25);
        var checkpointed = logger.stateDict();
        state.runEpoch(1, 0.25, 0.125);   // written by the run that then crashes

        CsvLogger resumed = new CsvLogger(csv);
        resumed.loadStateDict(checkpointed);
        assertThat(Files.readAllLines(csv)).containsExactly("epoch,step,loss,val_loss", "0,1,0.5,0.25");
        assertThat(resumed.stateDict()).isEqualTo(checkpointed);
    }

    @Test
    void keysWithCommasOrQuotesAreQuoted() throws IOException {
        Path csv = dir.resolve("metrics.csv");
        TestState state = new TestState(model, new CsvLogger(csv));
        state.metrics.put("f1,macro", 0.5);
        state.metrics.put("say \"hi\"", 1.0);
        state.runEpoch(0, 0.5, null);
        String header = Files.readAllLines(csv).get(0);
        assertThat(header).isEqualTo("epoch,step,\"f1,macro\",\"say \"\"hi\"\"\"");
        assertThat(CsvLogger.parse(header)).containsExactly("epoch", "step", "f1,macro", "say \"hi\"");
    }
}
