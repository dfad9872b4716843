using System.Collections.Concurrent;
using HEPrune.Core.Data;

namespace HEPrune.Core.Tests.Data;

/// <summary>Loads each real dataset once per test run; a missing dataset fails the test with the locator's message (where it looked, how to get it).</summary>
internal static class RealData
{
    private static readonly ConcurrentDictionary<(DatasetId, Cifar10TestSplit), Lazy<DatasetSplits>> Cache = new();

    public static DatasetSplits Get(DatasetId id, Cifar10TestSplit cifarTest = Cifar10TestSplit.Official) =>
        Cache.GetOrAdd((id, cifarTest), key => new Lazy<DatasetSplits>(() =>
            DatasetLoader.Load(key.Item1, new DataLoadOptions { Cifar10Test = key.Item2 }))).Value;

    /// <summary>The folder of a dataset on this machine (throws the clear not-found message otherwise).</summary>
    public static string Dir(DatasetId id) => new DataLocator().Require(id);
}
