using System.CommandLine;
using HEPrune.Experiments.Config;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Reporting;
using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;
using Spectre.Console;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune run CONFIG</c>: expands the config into runs, executes the unfinished ones, writes records and the report.</summary>
public static class RunCommand
{
    /// <summary>Exit code when the config or a stored file is invalid.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code after Ctrl-C.</summary>
    public const int Cancelled = 130;

    /// <summary>Builds the command; <paramref name="executor"/> defaults to <see cref="ExecutorCatalog.Create"/>.</summary>
    public static Command Create(Func<IRunExecutor>? executor = null)
    {
        var config = new Argument<string>("CONFIG") { Description = "Experiment YAML file (see docs/configs.md)." };
        var outDir = new Option<string?>("--out") { Description = "Results folder (default: output.folder, else results/<name>)." };
        var force = new Option<bool>("--force") { Description = "Redo runs that already have a record." };
        var only = new Option<string?>("--only") { Description = "Run only runs whose label or id matches (e.g. 'mnist/heprune*', 'keep=0.1', comma-separated for several)." };
        var calibration = new Option<string?>("--calibration") { Description = "Calibration file or folder used for projected times (default: ./calibration if present)." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write the report at the end." };
        var cmd = new Command("run", "Run an experiment: every unfinished run of the matrix, then the report.") { config, outDir, force, only, calibration, noReport };
        cmd.SetAction(async (parse, ct) =>
        {
            try
            {
                var loaded = ConfigLoader.Load(parse.GetValue(config)!);
                var root = parse.GetValue(outDir) ?? loaded.Config.Output?.Folder ?? Path.Combine("results", loaded.Config.Name!);
                var catalog = CalibrationCatalog.Load(parse.GetValue(calibration) ?? "calibration");
                var store = new ResultStore(root);
                var options = new RunnerOptions(parse.GetValue(force), parse.GetValue(only));
                var exec = (executor ?? ExecutorCatalog.Create)();
                RunSummary summary;
                if (Plain())
                {
                    summary = await new ExperimentRunner(exec, catalog, new PlainRunObserver(Console.Out)).RunAsync(loaded, store, options, ct);
                }
                else
                {
                    summary = null!;
                    await AnsiConsole.Progress().AutoClear(false).HideCompleted(false)
                        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                                 new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async ctx => summary = await new ExperimentRunner(exec, catalog, new SpectreRunObserver(ctx)).RunAsync(loaded, store, options, ct));
                }
                Console.WriteLine($"run: {summary.Done} done, {summary.Skipped} already finished, {summary.Failed} failed{(summary.Cancelled ? ", cancelled" : "")}; records in {store.RunsDirectory}");
                if (summary.Cancelled)
                {
                    Console.WriteLine("run: cancelled; finished runs are kept, rerun the same command to continue");
                    return Cancelled;
                }
                if (!parse.GetValue(noReport)) PrintReport(ReportWriter.Write(root, root));
                return summary.Failed > 0 ? 1 : 0;
            }
            catch (ConfigException e)
            {
                Console.Error.WriteLine(e.Message);
                return InvalidInput;
            }
            catch (RecordFormatException e)
            {
                Console.Error.WriteLine("run: " + e.Message);
                return InvalidInput;
            }
            catch (PrerequisiteMissingException e)
            {
                Console.Error.WriteLine("run: " + e.Message);
                return InvalidInput;
            }
            catch (NoRunSelectedException e)
            {
                Console.Error.WriteLine("run: " + e.Message);
                return InvalidInput;
            }
        });
        return cmd;
    }

    /// <summary>Prints where the report's files are.</summary>
    internal static void PrintReport(ReportOutput o)
    {
        Console.WriteLine($"report: {o.Markdown}");
        var tables = o.Tables.Select(Path.GetDirectoryName).Distinct().ToList();
        Console.WriteLine(tables.Count > 0 ? $"tables: {string.Join(", ", tables)} ({o.Tables.Count} files: .md, .csv, .tex)" : "tables: none (no record fills a paper table yet)");
        Console.WriteLine(o.Plots.Count > 0 ? $"plots:  {Path.GetDirectoryName(o.Plots[0])} ({o.Plots.Count} figures, .png and .svg)" : "plots:  none");
    }

    /// <summary>True when progress should be plain lines: output redirected, CI, or a dumb terminal.</summary>
    internal static bool Plain() =>
        Console.IsOutputRedirected || Environment.GetEnvironmentVariable("CI") is { Length: > 0 } || !AnsiConsole.Profile.Capabilities.Interactive;
}
