package dev.ithaca.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @Test
    void pageShowsChartsTablesAndEscapesText(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode metrics = json.createObjectNode();
        metrics.put("command", "pipeline");
        metrics.putObject("outcome").put("status", "completed");
        ArrayNode epochs = metrics.putArray("epochs");
        for (int e = 0; e < 3; e++) {
            epochs.addObject().put("epoch", e).put("train_loss", 3.0 - e).put("val_loss", e == 1 ? "NaN" : "3.1").put("lr", 0.01 / (e + 1));
        }
        metrics.putObject("final").put("val_loss", 1.25);
        metrics.putObject("hyperparameters").put("optimizer.lr", 0.01);
        ObjectNode pipeline = metrics.putObject("pipeline");
        pipeline.put("latency_p95_ms", 12.5);
        pipeline.putArray("samples").addObject().put("prompt", "<b>").put("text", "a & b");

        HtmlReport.write(dir, metrics);

        String html = Files.readString(dir.resolve(HtmlReport.FILE));
        assertThat(html).contains("<img src=\"loss.png\"", "<img src=\"learning_rate.png\"", "latency_p95_ms", "12.5000",
                "<code>&lt;b&gt;</code>", "a &amp; b", "optimizer.lr", "Outcome: <b>completed</b>");
        assertThat(Files.readAllBytes(dir.resolve(HtmlReport.LOSS_CHART))).startsWith((byte) 0x89, (byte) 'P');
        assertThat(Files.size(dir.resolve(HtmlReport.LR_CHART))).isPositive();
    }
}
