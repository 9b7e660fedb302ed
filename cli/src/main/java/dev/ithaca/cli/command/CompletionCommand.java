package dev.ithaca.cli.command;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code ithaca completion}: the bash/zsh completion script picocli generates from the command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true, versionProvider = dev.ithaca.cli.Version.class,
        description = "Print a bash/zsh completion script for ithaca.",
        footerHeading = "%nExamples:%n",
        footer = {"  source <(ithaca completion)                       # this shell",
                "  ithaca completion > /etc/bash_completion.d/ithaca  # every new shell"})
public final class CompletionCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.commandLine().getParent();
        spec.commandLine().getOut().print(AutoComplete.bash(root.getCommandName(), root));
        spec.commandLine().getOut().flush();
    }
}
