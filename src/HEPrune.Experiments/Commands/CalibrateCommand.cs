using System.CommandLine;
using HEPrune.Experiments.Config;
using HEPrune.Experiments.Costs;
using HEPrune.Experiments.Results;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune calibrate</c>: times each CKKS operation kind per level and writes a calibration file for projections.</summary>
public static class CalibrateCommand
{
    /// <summary>Builds the command; <paramref name="timer"/> defaults to <see cref="OperationTimerCatalog.Create"/>.</summary>
    public static Command Create(Func<IOperationTimer?>? timer = null)
    {
        var preset = new Option<string>("--preset") { Description = "CKKS preset to measure.", DefaultValueFactory = _ => "paper-n16" };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions per operation and level.", DefaultValueFactory = _ => 9 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed repetitions first.", DefaultValueFactory = _ => 1 };
        var kinds = new Option<string?>("--kinds") { Description = "Comma-separated operation kinds to measure (default: all)." };
        var levels = new Option<string?>("--levels") { Description = "Levels to measure: 'a-b' or a comma list (default: all)." };
        var outFile = new Option<string?>("--out") { Description = "Output file (default: calibration/<preset>.json)." };
        var cmd = new Command("calibrate", "Measure per-operation CKKS costs (median and spread per kind and level) into a calibration file.") { preset, repeats, warmup, kinds, levels, outFile };
        cmd.SetAction((parse, ct) =>
        {
            var p = parse.GetValue(preset)!;
            if (!Vocabulary.CkksPresets.Contains(p))
            {
                Console.Error.WriteLine($"calibrate: --preset '{p}' is not allowed; {Suggest.Allowed(p, Vocabulary.CkksPresets)}");
                return Task.FromResult(RunCommand.InvalidInput);
            }
            var t = (timer ?? OperationTimerCatalog.Create)();
            if (t is null)
            {
                Console.Error.WriteLine("calibrate: no CKKS operation timer is wired into heprune yet (see Costs/Calibrator.cs OperationTimerCatalog.Create)");
                return Task.FromResult(1);
            }
            try
            {
                var kindSet = parse.GetValue(kinds)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                var levelSet = ParseLevels(parse.GetValue(levels));
                var path = parse.GetValue(outFile) ?? Path.Combine("calibration", p + ".json");
                var cal = Calibrator.Measure(t, p, parse.GetValue(repeats), parse.GetValue(warmup),
                    (k, l) => (kindSet is null || kindSet.Contains(k)) && (levelSet is null || levelSet.Contains(l)),
                    new Progress<(int Done, int Total, string Item)>(x => Console.WriteLine($"calibrate: [{x.Done}/{x.Total}] {x.Item}")), ct);
                JsonFiles.Write(path, cal);
                Console.WriteLine($"calibrate: {cal.Costs.Count} entries written to {path}");
                return Task.FromResult(0);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("calibrate: cancelled; nothing written");
                return Task.FromResult(RunCommand.Cancelled);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                Console.Error.WriteLine("calibrate: " + e.Message);
                return Task.FromResult(RunCommand.InvalidInput);
            }
        });
        return cmd;
    }

    /// <summary>Parses <c>a-b</c> or <c>a,b,c</c> into a set of levels; null for all.</summary>
    /// <exception cref="FormatException">Not a range or list of whole numbers.</exception>
    public static HashSet<int>? ParseLevels(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var set = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', 1);
            if (dash > 0 && int.TryParse(part[..dash], out var a) && int.TryParse(part[(dash + 1)..], out var b) && a <= b)
                for (var l = a; l <= b; l++) set.Add(l);
            else if (int.TryParse(part, out var l) && l >= 0) set.Add(l);
            else throw new FormatException($"--levels: '{part}' is not a level or a range a-b (e.g. 0-12 or 3,5,7)");
        }
        return set;
    }
}
