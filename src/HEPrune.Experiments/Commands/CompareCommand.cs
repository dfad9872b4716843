using System.CommandLine;
using HEPrune.Experiments.Comparison;
using HEPrune.Experiments.Config;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune compare BASELINE CANDIDATE</c>: regression check of run records matched by id.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var baseline = new Argument<string>("BASELINE_DIR") { Description = "Results folder with the reference records." };
        var candidate = new Argument<string>("CANDIDATE_DIR") { Description = "Results folder to check." };
        var tolerances = new Option<string?>("--tolerances") { Description = "YAML file of tolerances (see docs/cli.md); default: accuracy ±0.01 points, projected time ±1 %, counts exact." };
        var all = new Option<bool>("--all") { Description = "List every compared value, not only those out of tolerance." };
        var cmd = new Command("compare", "Compare two results folders; exit 1 on a regression or a run missing from the candidate.") { baseline, candidate, tolerances, all };
        cmd.SetAction(parse =>
        {
            try
            {
                var t = parse.GetValue(tolerances) is { } f ? Tolerances.Load(f) : Tolerances.Default;
                foreach (var d in new[] { parse.GetValue(baseline)!, parse.GetValue(candidate)! })
                    if (!Directory.Exists(Path.Combine(d, "runs"))) throw new DirectoryNotFoundException($"{d} has no runs/ folder");
                var report = RunComparer.Compare(parse.GetValue(baseline)!, parse.GetValue(candidate)!, t);
                if (report.Matched == 0 && report.MissingInCandidate.Count == 0)
                {
                    Console.Error.WriteLine("compare: the baseline has no run records");
                    return 1;
                }
                Console.Write(report.Render(parse.GetValue(all)));
                return report.Passed ? 0 : 1;
            }
            catch (Exception e) when (e is ConfigException or RecordFormatException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine("compare: " + e.Message);
                return RunCommand.InvalidInput;
            }
        });
        return cmd;
    }
}
