using HEPrune.Experiments.Results;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Costs;

/// <summary>Calibration files by preset, loaded from a file or a folder of <c>*.json</c> files.</summary>
public sealed class CalibrationCatalog
{
    private readonly Dictionary<string, CostModel> _byPreset = new(StringComparer.Ordinal);

    /// <summary>An empty catalog (no projections).</summary>
    public static CalibrationCatalog Empty { get; } = new();

    /// <summary>Presets with a calibration.</summary>
    public IEnumerable<string> Presets => _byPreset.Keys;

    /// <summary>Loads every calibration at <paramref name="path"/> (a file, or a folder's *.json); a missing path gives an empty catalog.</summary>
    /// <exception cref="RecordFormatException">A file is corrupt, of another schema, or a preset appears twice.</exception>
    public static CalibrationCatalog Load(string? path)
    {
        var catalog = new CalibrationCatalog();
        if (path is null) return catalog;
        var files = File.Exists(path) ? [path]
            : Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();
        foreach (var f in files)
        {
            var (cal, reference) = Read(f);
            if (catalog._byPreset.ContainsKey(cal.Preset))
                throw new RecordFormatException(f, $"a second calibration for preset '{cal.Preset}' in {path}; keep one file per preset");
            try
            {
                catalog._byPreset[cal.Preset] = new CostModel(cal, reference);
            }
            catch (ArgumentException e)
            {
                throw new RecordFormatException(f, e.Message, e);
            }
        }
        return catalog;
    }

    /// <summary>Reads one calibration file and computes its reference (path and content hash).</summary>
    /// <exception cref="RecordFormatException">The file is corrupt or of another schema.</exception>
    public static (Calibration Calibration, CalibrationRef Reference) Read(string file)
    {
        var cal = JsonFiles.Read<Calibration>(file, Calibration.CurrentSchema);
        var sha = CanonicalJson.ShortHash(File.ReadAllText(file));
        return (cal, new CalibrationRef(file, cal.Preset, cal.CreatedUtc, cal.Machine.CpuModel, sha));
    }

    /// <summary>The cost model of <paramref name="preset"/>, or null when it was never calibrated.</summary>
    public CostModel? For(string preset) => _byPreset.GetValueOrDefault(preset);

    /// <summary>Adds a model (used by tests and by callers that build calibrations in memory).</summary>
    public void Add(CostModel model) => _byPreset[model.Calibration.Preset] = model;
}
