using System.CommandLine;
using HEPrune.Experiments.Commands;

namespace HEPrune.Experiments;

/// <summary>Entry point of the <c>heprune</c> command.</summary>
public static class Program
{
    /// <summary>Builds the command tree; each command family lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("HEPrune.NET: encrypted HETAL fine-tuning and HEPrune data pruning, emulated or on real CKKS.");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(FeaturesCommand.Create());
        return root;
    }

    /// <summary>Parses and runs the command line; Ctrl-C (SIGINT) and SIGTERM cancel the running command's token.</summary>
    public static Task<int> Main(string[] args) => BuildRoot().Parse(args).InvokeAsync();
}
