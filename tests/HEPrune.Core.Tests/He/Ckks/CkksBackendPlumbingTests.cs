using System.Collections;
using System.Reflection;
using HEPrune.Ckks.Scheme;
using HEPrune.Ckks.Serialization;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;

namespace HEPrune.Core.Tests.He.Ckks;

public class CkksBackendPlumbingTests(CkksPairFixture f) : IClassFixture<CkksPairFixture>
{
    private static readonly int Slots = CkksTestSupport.Deep11.Slots;

    [Fact]
    public void CodecRoundTripsWithTheLibrarysExactSize()
    {
        var b = f.Ckks;
        var rng = new Random(3);
        var v = CkksTestSupport.RandomComplex(rng, Slots);
        foreach (int level in new[] { 0, 5, 12 })
        {
            var ct = b.Evaluator.MultiplyConst(b.Client.Encrypt(v, level), 2);
            var bytes = b.Codec.Serialize(ct);
            long n = CkksTestSupport.Deep11.N;
            Assert.Equal(bytes.Length, b.Codec.WireBytes(ct));
            Assert.Equal(CkksSerializer.GetSerializedSize(((CkksHeCiphertext)ct).Inner), b.Codec.WireBytes(ct));
            Assert.Equal(2 * n * 8 * (level + 1) + 64, bytes.Length); // 48-byte header + level, size, scale
            Assert.Equal(b.Evaluator.Parameters.CiphertextBytes(level), bytes.Length); // the shape's model is exact
            var back = b.Codec.Deserialize(bytes);
            Assert.Equal((ct.Level, ct.Scale), (back.Level, back.Scale));
            var d = b.Client.Decrypt(back);
            for (int i = 0; i < Slots; i += 97) Assert.Equal(2 * v.Real[i], d.Real[i], 1e-6);
            // the emulated backend over the same shape reports the same wire size
            Assert.Equal(bytes.Length, f.Emulated.Codec.WireBytes(f.Emulated.Client.Encrypt(v, level)));
        }
        var good = b.Codec.Serialize(b.Client.Encrypt(v, 3));
        good[60] ^= 0xFF;
        Assert.ThrowsAny<FormatException>(() => b.Codec.Deserialize(good));
        Assert.ThrowsAny<FormatException>(() => b.Codec.Deserialize(new byte[10]));
        Assert.Throws<ArgumentException>(() => b.Codec.Serialize(f.Emulated.Client.Encrypt(v, 3)));
    }

    [Fact]
    public void PlaintextCacheHitsOnEqualContentAndNeverReturnsStaleMasks()
    {
        var b = CkksBackend.Create(CkksTestSupport.Deep11, new EvaluationKeySet(Slots));
        var ev = (CkksEvaluator)b.Evaluator;
        var x = b.Client.Encrypt(SlotVector.Filled(Slots, 1), 6);
        var m1 = new double[Slots];
        for (int i = 0; i < Slots; i++) m1[i] = (i % 7) / 7.0;
        ev.MultiplyPlain(x, new SlotVector(m1));
        var after1 = ev.PlaintextCacheStats;
        var y = ev.MultiplyPlain(x, new SlotVector((double[])m1.Clone())); // new instance, same content
        var after2 = ev.PlaintextCacheStats;
        Assert.Equal(after1.Misses, after2.Misses);
        Assert.Equal(after1.Hits + 1, after2.Hits);
        Assert.Equal(m1[13], b.Client.Decrypt(y).Real[13], 1e-6);
        var mutated = new SlotVector(m1);
        m1[13] = -3; // same array object, new content: must re-encode
        var z = ev.MultiplyPlain(x, mutated);
        Assert.Equal(after2.Misses + 1, ev.PlaintextCacheStats.Misses);
        Assert.Equal(-3, b.Client.Decrypt(z).Real[13], 1e-6);
        var misses = ev.PlaintextCacheStats.Misses;
        Assert.Equal(2, ev.MultiplyPlain(ev.DropLevel(x, 3), mutated).Level);
        Assert.Equal(misses + 1, ev.PlaintextCacheStats.Misses); // another level is another entry
    }

    [Fact]
    public void PlaintextCacheStaysWithinItsBound()
    {
        var ctx = new CkksContext(CkksTestSupport.Deep11);
        var enc = new CkksEncoder(ctx);
        long perEntry = 8L * ctx.N * 3 + 8L * Slots;
        var cache = new PlaintextCache(3 * perEntry);
        for (int k = 0; k < 10; k++)
        {
            var v = SlotVector.Filled(Slots, k);
            cache.GetOrAdd(v, 2, 1024, (s, l, sc) => enc.Encode(s.Real, l, sc));
            Assert.True(cache.Bytes <= cache.CapacityBytes);
        }
        Assert.Equal(3, cache.Count);
        cache.GetOrAdd(SlotVector.Filled(Slots, 9), 2, 1024, (s, l, sc) => enc.Encode(s.Real, l, sc));
        Assert.Equal(1, cache.Hits); // the most recent entry survived
        cache.GetOrAdd(SlotVector.Filled(Slots, 0), 2, 1024, (s, l, sc) => enc.Encode(s.Real, l, sc));
        Assert.Equal(11, cache.Misses); // the oldest was evicted
    }

    [Fact]
    public void ParallelForAcrossCiphertextsGivesCorrectValuesAndCounts()
    {
        var b = CkksBackend.Create(CkksTestSupport.Deep11, new EvaluationKeySet(Slots).Add(1));
        var rng = new Random(11);
        var inputs = Enumerable.Range(0, 8).Select(_ => CkksTestSupport.RandomReal(rng, Slots)).ToArray();
        var cts = inputs.Select(v => b.Client.Encrypt(v, 8)).ToArray();
        var mask = CkksTestSupport.RandomReal(rng, Slots);
        var outs = new HeCiphertext[cts.Length];
        Parallel.For(0, cts.Length, i =>
            outs[i] = b.Evaluator.Add(b.Evaluator.Rotate(b.Evaluator.Square(cts[i]), 1), b.Evaluator.MultiplyPlain(cts[i], mask)));
        for (int i = 0; i < cts.Length; i++)
        {
            var d = b.Client.Decrypt(outs[i]).Real;
            for (int j = 0; j < Slots; j += 31)
            {
                double x1 = inputs[i].Real[(j + 1) % Slots];
                Assert.Equal(x1 * x1 + inputs[i].Real[j] * mask.Real[j], d[j], 1e-6);
            }
        }
        Assert.Equal(8, b.Evaluator.Counter.At(OpKind.Mult, 8));
        Assert.Equal(8, b.Evaluator.Counter.At(OpKind.Rot, 7));
        Assert.Equal(8, b.Evaluator.Counter.At(OpKind.CMult, 8));
        Assert.Equal(8, b.Evaluator.Counter.At(OpKind.Add, 7));
    }

    [Fact]
    public void TheServerSideEvaluatorCannotReachASecretKey()
    {
        var reached = Reachable(f.Ckks.Evaluator).Concat(Reachable(f.Ckks.Codec)).ToList();
        Assert.Contains(reached, o => o is GaloisKeys); // the walk does see the public keys
        Assert.DoesNotContain(reached, o => o is SecretKey or KeyGenerator or Decryptor or Encryptor or IHeClient);
        Assert.Contains(Reachable(f.Ckks.Client), o => o is SecretKey); // and would see a secret key where there is one
    }

    [Fact]
    public void RecorderDerivesTheKeySetACircuitNeeds()
    {
        var shape = CkksBackend.ShapeOf(CkksTestSupport.Deep11);
        var emu = EmulatedBackend.Create(shape);
        var rec = new RotationKeyRecorder(emu.Evaluator);
        var x = emu.Client.Encrypt(SlotVector.Filled(Slots, 1), 5);
        rec.Rotate(x, -4);
        rec.RotateHoisted(x, [0, 3, Slots + 3]);
        Assert.False(rec.Recorded.HasConjugation);
        rec.Conjugate(x);
        Assert.True(rec.Recorded.HasConjugation);
        Assert.Equal(new[] { 3, Slots - 4 }, rec.Recorded.Steps.Order());
        var ckks = CkksBackend.Create(CkksTestSupport.Deep11, rec.Recorded);
        var y = ckks.Client.Encrypt(SlotVector.Filled(Slots, 1), 5);
        ckks.Evaluator.Rotate(y, -4);
        ckks.Evaluator.Conjugate(y);
        Assert.Throws<HEPrune.Core.He.MissingKeyException>(() => ckks.Evaluator.Rotate(y, 4));
    }

    /// <summary>Every object reachable from <paramref name="root"/> through fields (arrays of primitives are not entered).</summary>
    private static IEnumerable<object> Reachable(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<object>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            if (!seen.Add(o)) continue;
            yield return o;
            var t = o.GetType();
            if (t.IsArray)
            {
                if (t.GetElementType()!.IsPrimitive) continue;
                foreach (var e in (IEnumerable)o) if (e is not null && !e.GetType().IsPrimitive) stack.Push(e);
                continue;
            }
            for (var tt = t; tt is not null; tt = tt.BaseType)
            {
                foreach (var fi in tt.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (fi.FieldType.IsPrimitive || fi.FieldType.IsPointer) continue;
                    var v = fi.GetValue(o);
                    if (v is not null && !v.GetType().IsPrimitive && v is not string && v is not Type && v is not Pointer) stack.Push(v);
                }
            }
        }
    }
}
