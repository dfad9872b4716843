using System.CommandLine;
using HEPrune.Experiments.Reporting;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune report RESULTS_DIR</c>: tables and plots from the run records of a results folder.</summary>
public static class ReportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dir = new Argument<string>("RESULTS_DIR") { Description = "Results folder written by `heprune run` (holds runs/)." };
        var outDir = new Option<string?>("--out") { Description = "Where to write report.md, tables/ and plots/ (default: RESULTS_DIR)." };
        var cmd = new Command("report", "Write the paper's tables (Markdown, CSV, LaTeX) and plots (PNG, SVG) from run records.") { dir, outDir };
        cmd.SetAction(parse =>
        {
            var root = parse.GetValue(dir)!;
            try
            {
                RunCommand.PrintReport(ReportWriter.Write(root, parse.GetValue(outDir) ?? root));
                return 0;
            }
            catch (Exception e) when (e is RecordFormatException or DirectoryNotFoundException)
            {
                Console.Error.WriteLine("report: " + e.Message);
                return RunCommand.InvalidInput;
            }
        });
        return cmd;
    }
}
