namespace HEPrune.Experiments.Results;

/// <summary>Where and how a run was produced.</summary>
/// <param name="GitCommit">Commit of the source tree, or <c>unknown</c>.</param>
/// <param name="ToolVersion">Version of the heprune tool.</param>
/// <param name="Machine">The machine.</param>
/// <param name="StartedUtc">Start time.</param>
/// <param name="FinishedUtc">End time.</param>
/// <param name="WallSeconds">Measured wall time of the whole run.</param>
/// <param name="LoadStart">The machine's 1-minute load average when the run started (/proc/loadavg; null where unknown, and in
/// records written before 2026-11-24 07:00 UTC). Measured times on a loaded machine are upper bounds.</param>
/// <param name="LoadEnd">The 1-minute load average when the run finished.</param>
public sealed record Provenance(string GitCommit, string ToolVersion, MachineInfo Machine, DateTimeOffset StartedUtc, DateTimeOffset FinishedUtc, double WallSeconds,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? LoadStart = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? LoadEnd = null);

/// <summary>The machine a run or calibration was made on.</summary>
/// <param name="Cores">Logical cores.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="CpuModel">CPU model name from /proc/cpuinfo, or <c>unknown</c>.</param>
/// <param name="Simd">Hardware intrinsics enabled in this process (e.g. avx2, avx512f).</param>
/// <param name="Runtime">.NET runtime description.</param>
public sealed record MachineInfo(int Cores, string Os, string CpuModel, IReadOnlyList<string> Simd, string Runtime);
