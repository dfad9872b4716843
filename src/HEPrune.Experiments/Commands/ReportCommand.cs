using System.CommandLine;
using HEPrune.Experiments.Costs;
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
        var calibration = new Option<string?>("--calibration")
        {
            Description = "Re-project every run's time from its stored operation counts with this calibration file or folder (e.g. after `heprune calibrate`); the records are not changed.",
        };
        var save = new Option<bool>("--save")
        {
            Description = "With --calibration: also rewrite the re-projected records in RESULTS_DIR/runs (each record's projection names its calibration), so later reports and `heprune compare` use the new projection.",
        };
        var cmd = new Command("report", "Write the paper's tables (Markdown, CSV, LaTeX) and plots (PNG, SVG) from run records.") { dir, outDir, calibration, save };
        cmd.SetAction(parse =>
        {
            var root = parse.GetValue(dir)!;
            try
            {
                var path = parse.GetValue(calibration);
                if (parse.GetValue(save) && path is null)
                {
                    Console.Error.WriteLine("report: --save rewrites the records' projections and needs --calibration FILE_OR_FOLDER");
                    return RunCommand.InvalidInput;
                }
                CalibrationCatalog? catalog = null;
                if (path is not null)
                {
                    if (!File.Exists(path) && !Directory.Exists(path))
                    {
                        Console.Error.WriteLine($"report: calibration {path} does not exist (give a file written by `heprune calibrate`, or a folder of them)");
                        return RunCommand.InvalidInput;
                    }
                    catalog = CalibrationCatalog.Load(path);
                    Console.WriteLine($"report: re-projecting with {path} (presets: {string.Join(", ", catalog.Presets)})");
                    if (parse.GetValue(save))
                    {
                        int n = ReportWriter.SaveReprojected(root, catalog);
                        Console.WriteLine($"report: {n} record(s) in {Path.Combine(root, "runs")} rewritten with the new projection");
                    }
                }
                RunCommand.PrintReport(ReportWriter.Write(root, parse.GetValue(outDir) ?? root, catalog));
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
