package dev.ithaca.cli.command;

import dev.ithaca.cli.CliRun;
import dev.ithaca.cli.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfoAndHelpTest {

    @Test
    void infoListsBackendsThreadsAndDevices() {
        CliRun run = CliRun.of("info");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("ithaca " + Version.current(), "Java:", "Backends:", "cpu", "available: OpenBLAS",
                "Selected:  cpu", "OpenBLAS ", "Devices:");
        assertThat(Version.current()).doesNotContain("${").isNotEqualTo("unknown");
    }

    @Test
    void versionAndHelpWithExamplesAndExitCodesOnEveryCommand() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("ithaca " + Version.current());
        for (String command : new String[]{"train", "evaluate", "generate", "pipeline", "bench", "info", "completion", "docs"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: ithaca " + command, "Examples:", "Exit codes:",
                    "3   training diverged", "5   the requested backend is unavailable");
        }
        assertThat(CliRun.of().out()).contains("Commands:", "pipeline", "Examples:");
    }

    @Test
    void completionScriptCoversEveryCommand() {
        CliRun run = CliRun.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F", "pipeline", "--corpus-url", "--learning-rate", "evaluate");
    }

    @Test
    void benchRejectsAnUnknownProfileAndAFilterThatMatchesNothing() {
        CliRun profile = CliRun.of("bench", "--profile", "slow");
        assertThat(profile.exitCode()).isEqualTo(1);
        assertThat(profile.err()).contains("unknown benchmark profile 'slow'; valid: smoke, quick, full");

        CliRun none = CliRun.of("bench", "--profile", "smoke", "NoBenchmarkIsCalledThis");
        assertThat(none.exitCode()).as(none.toString()).isEqualTo(1);
        assertThat(none.printedStackTrace()).isFalse();
    }
}
