package dev.ithaca.cli.command;

import dev.ithaca.cli.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The top-level {@code ithaca} command: prints help when run without a subcommand. */
@Command(name = "ithaca",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Train, evaluate and sample deep-learning models from a YAML configuration.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, GenerateCommand.class, PipelineCommand.class,
                BenchCommand.class, InfoCommand.class, CompletionCommand.class, DocsCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ithaca info",
                "  ithaca train --config examples/fashion-mnist-mlp.yaml --set optimizer.lr=0.002",
                "  ithaca pipeline --corpus-path corpus/ --output-dir runs/lm",
                "  ithaca generate --run runs/lm --prompt 'Once upon a time' --max-tokens 64",
                "  source <(ithaca completion)    # tab completion in bash/zsh"})
public final class IthacaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log progress details and print stack traces of failures.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
