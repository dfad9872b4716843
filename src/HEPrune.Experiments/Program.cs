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
        root.Subcommands.Add(FeaturesCommand.Create());
        return root;
    }

    public static int Main(string[] args) => BuildRoot().Parse(args).Invoke();
}
