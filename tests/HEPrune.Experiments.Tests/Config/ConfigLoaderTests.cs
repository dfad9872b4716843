using HEPrune.Experiments.Config;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Tests.Config;

public sealed class ConfigLoaderTests
{
    private const string Valid = """
        name: demo
        datasets: [mnist, cifar10]
        methods: [hetal, heprune]
        keep: [0.1, 0.5]
        seeds: [0, 1]
        training: { lr: 0.7 }
        """;

    private static ConfigException Fails(string yaml) =>
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "t.yaml"));

    [Fact]
    public void ValidConfigLoadsIntoRecords()
    {
        var c = ConfigLoader.Parse(Valid, "t.yaml");
        Assert.Equal("demo", c.Name);
        Assert.Equal(["mnist", "cifar10"], c.Datasets);
        Assert.Equal([0.1, 0.5], c.Keep);
        Assert.Equal(0.7, c.Training!.Lr);
        Assert.Null(c.Training.Batch);
    }

    [Fact]
    public void UnknownKeyIsReportedWithPositionAndSuggestion()
    {
        var e = Fails("name: demo\ndatasets: [mnist]\nmethods: [hetal]\ntraining:\n  learning_rate: 0.5\n  lrr: 1\n");
        Assert.Equal(2, e.Errors.Count);
        var first = e.Errors[0];
        Assert.Equal((5, 3), (first.Line, first.Column));
        Assert.Equal("training.learning_rate", first.Key);
        Assert.Contains("unknown key in 'training'", first.Message);
        var second = e.Errors[1];
        Assert.Equal(6, second.Line);
        Assert.Contains("did you mean 'lr'", second.Message);
        Assert.StartsWith("t.yaml:6:3: training.lrr:", second.ToString());
    }

    [Fact]
    public void WrongTypeNamesKeyGivenValueAndExpectedType()
    {
        var e = Fails("name: demo\ndatasets: [mnist]\nmethods: [hetal]\nseeds: [0, one]\ntraining: { batch: 12.5 }\n");
        Assert.Equal(2, e.Errors.Count);
        Assert.Equal("seeds[1]", e.Errors[0].Key);
        Assert.Contains("expected a whole number, got 'one'", e.Errors[0].Message);
        Assert.Equal((4, 12), (e.Errors[0].Line, e.Errors[0].Column));
        Assert.Equal("training.batch", e.Errors[1].Key);
        Assert.Contains("got '12.5'", e.Errors[1].Message);
    }

    [Fact]
    public void MappingWhereScalarExpectedIsATypeError()
    {
        var e = Fails("name: demo\ndatasets: [mnist]\nmethods: [hetal]\ntraining: fast\n");
        Assert.Contains("expected a mapping", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public void BadValuesAreAllReportedTogetherWithAllowedValues()
    {
        var e = Fails("""
            name: demo
            datasets: [mnist, cifar100]
            methods: [heprun]
            keep: [0, 1.5]
            backend: gpu
            training: { optimizer: adam, window: 1 }
            """);
        var byKey = e.Errors.ToDictionary(x => x.Key);
        Assert.Contains("'cifar100' is not allowed; did you mean 'cifar10'?", byKey["datasets[1]"].Message);
        Assert.Equal((2, 19), (byKey["datasets[1]"].Line, byKey["datasets[1]"].Column));
        Assert.Contains("did you mean 'heprune'", byKey["methods[0]"].Message);
        Assert.Contains("0 < keep <= 1", byKey["keep[0]"].Message);
        Assert.Contains("1.5", byKey["keep[1]"].Message);
        Assert.Contains("allowed: emulated, ckks, plaintext", byKey["backend[0]"].Message);
        Assert.Contains("allowed: nesterov, sgd", byKey["training.optimizer"].Message);
        Assert.Contains("0 <= window < 1", byKey["training.window"].Message);
        Assert.Equal(7, e.Errors.Count);
        Assert.Contains("7 configuration errors", e.Message);
    }

    [Fact]
    public void MissingRequiredKeysAreErrors()
    {
        var e = Fails("seeds: [1]\n");
        Assert.Equal(["datasets", "methods", "name"], e.Errors.Select(x => x.Key).Order().ToArray());
    }

    [Fact]
    public void MalformedYamlGivesParserPosition()
    {
        var e = Fails("name: demo\ndatasets: [mnist\nmethods: [hetal]\n");
        var err = Assert.Single(e.Errors);
        Assert.StartsWith("malformed YAML", err.Message);
        Assert.True(err.Line >= 2, $"line {err.Line}");
        Assert.True(err.Column > 0);
    }

    [Fact]
    public void DuplicateKeyIsAnError()
    {
        var e = Fails("name: demo\nname: other\ndatasets: [mnist]\nmethods: [hetal]\n");
        Assert.Contains(e.Errors, x => x.Line == 2 && x.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MissingFileNamesThePath()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/nonexistent/exp.yaml"));
        Assert.Contains("/nonexistent/exp.yaml", e.Message);
        Assert.Contains("no such file", e.Message);
    }

    [Fact]
    public void EmptyFileIsAnError() => Assert.Contains("empty", Fails("").Message);

    [Fact]
    public void ScalarWhereListExpectedMeansOneElementList()
    {
        var c = ConfigLoader.Parse("name: d\ndatasets: mnist\nmethods: heprune\nkeep: 0.2\nbackend: plaintext\n", "t.yaml");
        Assert.Equal(["mnist"], c.Datasets);
        Assert.Equal([0.2], c.Keep);
        Assert.Equal(["plaintext"], c.Backend);
    }

    [Fact]
    public void CombinationRulesAreChecked()
    {
        var e = Fails("""
            name: d
            datasets: [mnist]
            methods: [heprune]
            features: { extractor: torchscript, mean: [0.5, 0.5] }
            overrides:
              - when: { keep: [0.3] }
                training: { lr: 2 }
            """);
        Assert.Contains(e.Errors, x => x.Key == "features.extractor" && x.Message.Contains("needs features.path"));
        Assert.Contains(e.Errors, x => x.Key == "features.mean" && x.Message.Contains("has 2 values"));
        Assert.Contains(e.Errors, x => x.Key == "overrides[0].when.keep[0]" && x.Line == 6);
    }

    [Fact]
    public void FeatureNormalizationIsValidatedAndResolvedPerDataset()
    {
        var e = Fails("name: d\ndatasets: [mnist]\nmethods: [hetal]\nfeatures: { normalize: l1 }\n");
        Assert.Contains("allowed: none, l2", Assert.Single(e.Errors).Message);
        var raw = Fails("name: d\ndatasets: [mnist]\nmethods: [hetal]\nfeatures: { extractor: raw_pixels, normalize: l2 }\n");
        Assert.Contains("raw_pixels are used as they are", Assert.Single(raw.Errors).Message);

        var cfg = ConfigLoader.Parse("name: d\ndatasets: [mnist, cifar10, dermamnist, face_mask, snips]\nmethods: [hetal]\n", "d.yaml");
        var byDataset = RunMatrix.Expand(cfg).ToDictionary(r => r.Run.Dataset, r => r.Run.Features.Normalize);
        Assert.Equal(("l2", "l2", "l2", "l2", "none"), (byDataset["mnist"], byDataset["cifar10"], byDataset["dermamnist"], byDataset["face_mask"], byDataset["snips"]));
        var pixels = ConfigLoader.Parse("name: d\ndatasets: [mnist]\nmethods: [hetal]\nfeatures: { extractor: raw_pixels }\n", "d.yaml");
        Assert.Equal("none", RunMatrix.Expand(pixels).Single().Run.Features.Normalize);
        var forced = ConfigLoader.Parse("name: d\ndatasets: [cifar10]\nmethods: [hetal]\nfeatures: { normalize: none }\n", "d.yaml");
        Assert.Equal("none", RunMatrix.Expand(forced).Single().Run.Features.Normalize);
    }

    [Fact]
    public void TorchScriptTextExtractorNeedsItsModuleAndResolvesToIt()
    {
        Assert.Contains("needs features.text_path", Fails("name: d\ndatasets: [snips]\nmethods: [hetal]\nfeatures: { text_extractor: torchscript }\n").Errors.Single().Message);
        Assert.Contains("only used with text_extractor: torchscript", Fails("name: d\ndatasets: [snips]\nmethods: [hetal]\nfeatures: { text_path: m.pt }\n").Errors.Single().Message);
        var run = RunMatrix.Expand(ConfigLoader.Parse("name: d\ndatasets: [snips]\nmethods: [hetal]\nfeatures: { text_extractor: torchscript, text_path: mpnet.pt }\n", "d.yaml")).Single().Run;
        Assert.Equal(("torchscript", "mpnet.pt"), (run.Features.Extractor, run.Features.Path));
        var glove = RunMatrix.Expand(ConfigLoader.Parse("name: d\ndatasets: [snips]\nmethods: [hetal]\n", "d.yaml")).Single().Run.Features;
        Assert.Equal(("glove", (string?)null), (glove.Extractor, glove.Path));
    }

    [Fact]
    public void BootstrapRefreshNeedsABootstrappingPreset()
    {
        var e = Fails("name: d\ndatasets: [mnist]\nmethods: [hetal]\nbackend: ckks\nckks: { preset: test-n12, refresh: bootstrap }\nmeasure: { preset: n14 }\n");
        Assert.Equal(["ckks.preset", "measure.preset"], e.Errors.Select(x => x.Key).Order().ToArray());
        Assert.Contains("use boot-n16 or boot-test-n13", e.Errors[0].Message);
        Assert.Contains("allowed: client, bootstrap", Fails("name: d\ndatasets: [mnist]\nmethods: [hetal]\nckks: { refresh: server }\n").Errors.Single().Message);
        var ok = ConfigLoader.Parse("name: d\ndatasets: [mnist]\nmethods: [hetal]\nbackend: ckks\nckks: { preset: boot-test-n13, refresh: bootstrap }\n", "d.yaml");
        Assert.Equal(("boot-test-n13", "bootstrap"), (RunMatrix.Expand(ok).Single().Run.Ckks.Preset, RunMatrix.Expand(ok).Single().Run.Ckks.Refresh));
        Assert.Equal("client", RunMatrix.Expand(ConfigLoader.Parse("name: d\ndatasets: [mnist]\nmethods: [hetal]\n", "d.yaml")).Single().Run.Ckks.Refresh);
    }

    [Fact]
    public void MeasureKeepLimitsTheMeasuredFractionsAndMeasureBatchSetsTheirBatch()
    {
        const string head = "name: d\ndatasets: [mnist]\nmethods: [hetal, heprune]\nkeep: [0.1, 0.5]\n";
        var runs = RunMatrix.Expand(ConfigLoader.Parse(head + "measure: { preset: test-n12, batch: 8, keep: [0.5] }\n", "d.yaml"));
        var measure = runs.Where(r => r.Run.Role == "measure").ToList();
        // hetal is always measured; of the pruning runs only keep 0.5; each on ckks plus its emulated twin.
        Assert.Equal(["mnist/hetal/keep=1/seed=0/ckks/measure", "mnist/hetal/keep=1/seed=0/emulated/measure",
            "mnist/heprune/keep=0.5/seed=0/ckks/measure", "mnist/heprune/keep=0.5/seed=0/emulated/measure"], measure.Select(r => r.Run.Label));
        Assert.All(measure, r => Assert.Equal(8, r.Run.Training.Batch));
        Assert.All(runs.Where(r => r.Run.Role == "main"), r => Assert.Equal(128, r.Run.Training.Batch));
        var e = Fails(head + "measure: { batch: 0, keep: [0.2] }\n");
        Assert.Equal(["measure.batch", "measure.keep"], e.Errors.Select(x => x.Key).Order().ToArray());
        Assert.Contains("0.2 is not one of the config's kept fractions (keep: [0.1, 0.5])", e.Errors.Single(x => x.Key == "measure.keep").Message);
    }

    [Fact]
    public void RefreshDefaultsToBootstrapOnBootstrappingPresetsAndToClientElsewhere()
    {
        ResolvedRun Single(string ckks, string extra = "") =>
            Assert.Single(RunMatrix.Expand(ConfigLoader.Parse($"name: d\ndatasets: [mnist]\nmethods: [hetal]\nbackend: ckks\nckks: {ckks}\n{extra}", "d.yaml")), r => r.Run.Role == "main").Run;
        Assert.Equal("bootstrap", Single("{ preset: boot-test-n13 }").Ckks.Refresh);
        Assert.Equal("bootstrap", Single("{ preset: boot-n16 }").Ckks.Refresh);
        Assert.Equal("client", Single("{ preset: paper-n16 }").Ckks.Refresh);
        Assert.Equal("client", Single("{ preset: boot-test-n13, refresh: client }").Ckks.Refresh); // written wins
        // A measuring run on another preset gets that preset's default, unless the refresh was written.
        var runs = RunMatrix.Expand(ConfigLoader.Parse("name: d\ndatasets: [mnist]\nmethods: [hetal]\nckks: { preset: boot-n16 }\nmeasure: { preset: test-n12 }\n", "d.yaml"));
        Assert.Equal("bootstrap", runs.Single(r => r.Run.Role == "main").Run.Ckks.Refresh);
        Assert.All(runs.Where(r => r.Run.Role == "measure"), r => Assert.Equal(("test-n12", "client"), (r.Run.Ckks.Preset, r.Run.Ckks.Refresh)));
        var toBoot = RunMatrix.Expand(ConfigLoader.Parse("name: d\ndatasets: [mnist]\nmethods: [hetal]\nckks: { preset: paper-n16 }\nmeasure: { preset: boot-test-n13 }\n", "d.yaml"));
        Assert.All(toBoot.Where(r => r.Run.Role == "measure"), r => Assert.Equal("bootstrap", r.Run.Ckks.Refresh));
        // The MLP's real-CKKS runs refresh through the client only: a bootstrap refresh (written or by default) is an error.
        var mlp = "name: d\ndatasets: [mnist]\nmethods: [hetal]\nfeatures: { extractor: raw_pixels }\ntraining: { recipe: scratch }\nbackend: ckks\n";
        var err = Assert.Single(Fails(mlp + "ckks: { preset: boot-test-n13 }\n").Errors);
        Assert.Equal("ckks.refresh", err.Key);
        Assert.Contains("the default of preset 'boot-test-n13'", err.Message);
        Assert.Contains("write refresh: client", err.Message);
        Assert.Equal("client", Assert.Single(RunMatrix.Expand(ConfigLoader.Parse(mlp + "ckks: { preset: boot-test-n13, refresh: client }\n", "d.yaml"))).Run.Ckks.Refresh);
    }

    [Fact]
    public void KeepPlusWindowAboveOneIsAnError()
    {
        var e = Fails("name: d\ndatasets: [mnist]\nmethods: [heprune]\nkeep: [0.9]\ntraining: { window: 0.2 }\n");
        var err = Assert.Single(e.Errors);
        Assert.Equal(("training.window", 5), (err.Key, err.Line));
        Assert.Contains("window 0.2 + keep 0.9 > 1", err.Message);
        // DermaMNIST's default window 0.18 (spec §3.6) with keep 0.9 is caught too.
        Assert.Contains("0.18", Fails("name: d\ndatasets: [dermamnist]\nmethods: [heprune]\nkeep: [0.9]\n").Message);
    }
}
